"""Votes' public pages: the list of votes, a vote's page with its result and trackers, and its Belenios archive."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from azamat.voting import permissions, selectors, services
from azamat.voting.models import Election

GET = require_http_methods(["GET", "HEAD"])
T = "voting/"


@GET
def public_list(request):
    return render(request, T + "public_list.html", {"votes": selectors.public_votes()})


def _public(pk: int) -> Election:
    election = get_object_or_404(selectors.elections(), pk=pk)
    if not permissions.is_public(election):
        raise Http404(_("No such vote."))
    return election


@GET
def public_vote(request, pk):
    election = _public(pk)
    questions = selectors.questions(election)
    context = {
        "election": election,
        "questions": questions,
        "results": selectors.results(election, questions)
        if election.status == Election.Status.TALLIED
        else None,
        "turnout": selectors.turnout(election),
        "ranked": any(question.ranked for question in questions),
        "trackers": selectors.trackers(election),
        "trustees": list(election.trustees.select_related("user")),
    }
    return render(request, T + "public_vote.html", context)


@GET
def archive(request, pk):
    election = _public(pk)
    path = services.archive_file(election)
    if not path.exists():
        raise Http404(_("No such vote."))
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=path.name, content_type="application/x-tar"
    )
