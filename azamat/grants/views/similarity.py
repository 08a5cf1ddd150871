"""The operator's near-duplicate pages: the list of flagged pairs, each pair side by side, and "reviewed"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from azamat.core.errors import DomainError
from azamat.core.permissions import require
from azamat.grants.models import SimilarityFlag
from azamat.grants.permissions import can_see_similarity
from azamat.grants.selectors import applications as selectors
from azamat.grants.services import similarity


@login_required
@require_GET
def similarity_list(request):
    require(can_see_similarity(request.user))
    shown = request.GET.get("show", "new")
    flags = selectors.similarity_flags(reviewed=None if shown == "all" else False)
    page = Paginator(flags, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/applications/similarity_list.html",
        {"page": page, "shown": shown, "query_string": f"show={shown}"},
    )


@login_required
@require_GET
def similarity_detail(request, pk):
    require(can_see_similarity(request.user))
    flag = get_object_or_404(selectors.similarity_flags(), pk=pk)
    texts = similarity.application_texts([flag.application_id, flag.similar_to_id])
    sides = [
        (
            flag.application,
            similarity.marked_sentences(
                texts.get(flag.application_id, ""), [s for p in flag.passages for s in p["application"]]
            ),
        ),
        (
            flag.similar_to,
            similarity.marked_sentences(
                texts.get(flag.similar_to_id, ""), [s for p in flag.passages for s in p["similar_to"]]
            ),
        ),
    ]
    context = {"flag": flag, "sides": sides}
    return render(request, "grants/applications/similarity_detail.html", context)


@login_required
@require_POST
def similarity_reviewed(request, pk):
    flag = get_object_or_404(SimilarityFlag, pk=pk)
    try:
        similarity.similarity_flag_review(flag=flag, by=request.user)
    except DomainError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("Marked as reviewed."))
    return redirect("grants:similarity")


urlpatterns = [
    path("similarity/", similarity_list, name="similarity"),
    path("similarity/<int:pk>/", similarity_detail, name="similarity_flag"),
    path("similarity/<int:pk>/reviewed/", similarity_reviewed, name="similarity_reviewed"),
]
