"""The vote's pages. In the workspace: one page per vote that shows each person their part (the administrator
prepares and closes, the credential authority sends, a trustee takes her key step, a voter votes), with the
forms posting to one view per step. In public: the votes, and each vote's parameters, ballot box, result and
how to verify it, with the archive to download."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.councils.models import Council
from azamat.registry.models import Organisation
from azamat.voting import forms, lifecycle, permissions, selectors, services
from azamat.voting.errors import error, when
from azamat.voting.models import Election, Question

# A longer roll is folded on the vote's page (its count shown), so that on a phone the roles and the freezing do not
# sit below hundreds of rows.
ROLL_UNFOLDED = 20
GET = require_http_methods(["GET", "HEAD"])
PAGE = require_http_methods(["GET", "HEAD", "POST"])
T = "voting/"


def _vote(pk: int) -> Election:
    return get_object_or_404(selectors.elections(), pk=pk)


def _back(election: Election):
    return redirect(reverse("voting:vote", args=[election.pk]))


def _step(request, election: Election, form, save, done: str):
    """A step posted from the vote's page: done → back with the message; invalid, or refused for what was typed →
    the vote's page again with the form and its errors (status 400), what was typed kept; refused as a whole (taken
    already, the vote moved on: a second tab, a form sent again) → back with the reason, as its form may no longer
    be on the page to show it."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except DomainError as error:
            if error.field not in form.fields:
                return _refusal(request, election, error)
            form_error(form, error)
        else:
            messages.success(request, done)
            return _back(election)
    return _vote_page(request, election, {form.prefix or type(form).__name__: form}, status=400)


def _require_trustee(request, election: Election) -> None:
    require(
        permissions.can_view(request.user, election)
        if permissions.trustee_of(request.user, election)
        else permissions.deny_trustee()
    )


def _unconfirmed(request, election: Election, step: str):
    """Freezing the setup and sending the credentials cannot be undone: their forms ask for a tick that says so. Sent
    without it (an old tab, a browser that skips `required`), the step is not taken; a step refused anyway is left
    to give its own reason."""
    if request.POST.get("confirm") == "yes" or not lifecycle.VOTE.check(election, step, request.user):
        return None
    return _refusal(
        request,
        election,
        DomainError("unconfirmed", _("Tick the box to confirm: this step cannot be undone.")),
    )


def _refusal(request, election: Election, error: DomainError):
    messages.error(request, error.message)
    return _back(election)


@login_required
@GET
def mine(request):
    context = {
        "votes": selectors.votes_of(request.user),
        "councils": selectors.councils_managed(request.user),
        "organisations": selectors.organisations_administered(request.user),
    }
    return render(request, T + "mine.html", context)


@login_required
@PAGE
def new(request, kind: str, owner: int):
    if kind not in {"council", "organisation"}:
        raise Http404(_("No such page."))
    owner = get_object_or_404(Council if kind == "council" else Organisation, pk=owner)
    require(permissions.can_create_for(request.user, owner))
    form_class = forms.CouncilElectionForm if kind == "council" else forms.ElectionForm
    form = form_class(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                election = services.election_create(
                    by=request.user,
                    owner=owner,
                    candidate_list=selectors.frozen_list(owner) if kind == "council" else None,
                    **form.cleaned_data,
                )
            except DomainError as error:
                twin = selectors.draft_twin(by=request.user, owner=owner, title=form.cleaned_data["title"])
                if error.code == "already_created" and twin is not None:
                    # Sent again (a double tap, the back button): the draft made the first time is the answer.
                    messages.info(
                        request,
                        _(
                            "This vote was created already (the form was sent twice): here it is. To set up "
                            "another one, give it another title."
                        ),
                    )
                    return _back(twin)
                form_error(form, error)
            else:
                messages.success(
                    request, _("The vote is created. Add its questions, the roll and the roles.")
                )
                return _back(election)
    return render(request, T + "new.html", {"form": form, "owner": owner}, status=status)


@login_required
@PAGE
def edit(request, pk):
    """A draft's title, description, times and quorum. Refused with its reason once the setup is frozen (a tab left
    open, the back button): back on the vote's page, which shows the details as they are."""
    election = _vote(pk)
    require(permissions.can_administer(request.user, election))
    if not (decision := lifecycle.VOTE.check(election, "edit", request.user)):
        return _refusal(request, election, DomainError("frozen", decision.reason))
    if request.method != "POST":
        initial = {name: getattr(election, name) for name in services.DETAILS}
        form = forms.ElectionEditForm(initial={**initial, "loaded": services.details_version(election)})
        return render(request, T + "edit.html", {"form": form, "election": election})
    form = forms.ElectionEditForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.election_edit(by=request.user, election=election, **data)
        except DomainError as error:
            if error.code == "frozen":  # frozen between the page's check and the save
                return _refusal(request, election, error)
            form_error(form, error)
            if error.code == "edited_meanwhile":
                # Saved again from this page, it replaces the details the message names.
                election.refresh_from_db()
                form.data = form.data.copy()
                form.data["loaded"] = services.details_version(election)
        else:
            messages.success(request, _("The vote's details are saved."))
            return _back(election)
    return render(request, T + "edit.html", {"form": form, "election": election}, status=400)


@login_required
@PAGE
def retime(request, pk):
    """New voting times for a frozen vote not yet open, and nothing else. A draft's times change with its details
    (its edit page); once voting has opened, or from a tab left open after it did, refused with the reason on the
    vote's page."""
    election = _vote(pk)
    require(permissions.can_administer(request.user, election))
    if election.status == Election.Status.DRAFT and request.method != "POST":
        return redirect(reverse("voting:edit", args=[election.pk]))
    if not (decision := lifecycle.VOTE.check(election, "retime", request.user)):
        return _refusal(request, election, DomainError("opened", decision.reason))
    context = {"election": election}
    if request.method != "POST":
        initial = {"opens_at": election.opens_at, "closes_at": election.closes_at}
        form = forms.ElectionTimesForm(initial={**initial, "loaded": services.times_version(election)})
        return render(request, T + "retime.html", {**context, "form": form})
    form = forms.ElectionTimesForm(request.POST)
    if form.is_valid():
        try:
            election = services.election_retime(by=request.user, election=election, **form.cleaned_data)
        except DomainError as error:
            if error.code in {"opened", "draft"}:  # it opened between the page's check and the save
                return _refusal(request, election, error)
            form_error(form, error)
            if error.code == "retimed_meanwhile":
                # Saved again from this page, it replaces the times the message names.
                election.refresh_from_db()
                form.data = form.data.copy()
                form.data["loaded"] = services.times_version(election)
        else:
            messages.success(
                request,
                _("The voting times are changed: %(opens)s – %(closes)s (Almaty time).")
                % {"opens": when(election.opens_at), "closes": when(election.closes_at)},
            )
            return _back(election)
    return render(request, T + "retime.html", {**context, "form": form}, status=400)


@login_required
@PAGE
def delete(request, pk):
    """A draft made by mistake: a confirmation page, then the POST deletes it and lands on the person's votes,
    which say so. A frozen vote is not deleted (a tab left open on the confirmation is told why, on the vote's
    page); the delete sent twice lands on the votes, saying it is deleted already."""
    election = selectors.elections().filter(pk=pk).first()
    if election is None:
        return _deleted_already(request, pk)
    require(permissions.can_administer(request.user, election))
    if not (decision := lifecycle.VOTE.check(election, "delete", request.user)):
        return _refusal(request, election, DomainError("not_a_draft", decision.reason))
    if request.method != "POST":
        return render(
            request, T + "delete.html", {"election": election, "turnout": selectors.turnout(election)}
        )
    try:
        services.election_delete(by=request.user, election=election)
    except DomainError as error:
        return _refusal(request, election, error)
    except Election.DoesNotExist:  # deleted by another tab between the page's read and the lock
        return _deleted_already(request, pk)
    messages.success(request, _("The draft vote “%(title)s” is deleted.") % {"title": election.title})
    return redirect(reverse("voting:mine"))


def _deleted_already(request, pk: int):
    """A vote no longer there: to the person who deleted it as its administrator, her votes and a word that it is
    deleted already; to anyone else, not found (a deleted draft's number says nothing)."""
    deleted = Election.history.filter(id=pk, history_type="-").order_by("-history_date").first()
    if deleted is None or deleted.administrator_id != request.user.pk:
        raise Http404(_("No such vote."))
    messages.info(request, _("This draft vote is deleted already."))
    return redirect(reverse("voting:mine"))


def _vote_page(request, election: Election, forms_given: dict | None = None, status: int = 200):
    user = request.user
    administrator = permissions.is_administrator(user, election)
    trustee = permissions.trustee_of(user, election)
    voter = permissions.voter_of(user, election)
    given = forms_given or {}
    context = {
        "election": election,
        "administrator": administrator,
        "authority": permissions.is_credential_authority(user, election),
        "trustee": trustee,
        "voter": voter,
        "tracker": selectors.last_tracker(election, user) if voter and voter.voted_at else None,
        "not_open": None
        if election.status != Election.Status.OPEN or services.accepting_ballots(election)
        else services.not_open(election).message,
        "questions": selectors.questions(election),
        "trustees": list(election.trustees.select_related("user")),
        "turnout": selectors.turnout(election),
        "steps": lifecycle.VOTE.options(
            election, user, "edit", "retime", "delete", "freeze", "open", "close"
        ),
        "closing_passed": election.closes_at <= timezone.now(),
    }
    if administrator and election.status == Election.Status.DRAFT:
        context.update(
            preparing=True,
            roll_folded=context["turnout"]["roll"] > ROLL_UNFOLDED,
            question_form=given.get("QuestionForm", forms.QuestionForm()),
            candidate_form=given.get(
                "CandidateForm",
                forms.CandidateForm(entries=selectors.entries(election), members=selectors.members(election)),
            ),
            roll_form=given.get("RollForm", forms.RollForm()),
            roles_form=given.get("RolesForm", forms.RolesForm(initial={"threshold": election.threshold})),
            voters=selectors.roll(election),
        )
    if trustee is not None:
        context["key_form"] = given.get("KeyForm", forms.KeyForm())
        context["shuffles_needed"] = services.shuffles_needed(election) if election.status == "closed" else 0
        context["shuffle_form"] = given.get("ShuffleForm", forms.ShuffleForm())
        context["certificate_form"] = given.get("CertificateForm", forms.CertificateForm())
    return render(request, T + "vote.html", context, status=status)


@login_required
@GET
def vote(request, pk):
    election = _vote(pk)
    require(permissions.can_view(request.user, election))
    return _vote_page(request, election)


@login_required
@require_POST
def question_add(request, pk):
    election = _vote(pk)
    require(permissions.can_administer(request.user, election))
    form = forms.QuestionForm(request.POST)
    return _step(
        request,
        election,
        form,
        lambda data: services.question_add(by=request.user, election=election, **data),
        _("The question is on the ballot. Add its candidates."),
    )


@login_required
@require_POST
def candidate_add(request, pk):
    question = get_object_or_404(Question.objects.select_related("election"), pk=pk)
    election = question.election
    require(permissions.can_administer(request.user, election))
    form = forms.CandidateForm(
        request.POST, entries=selectors.entries(election), members=selectors.members(election)
    )

    def save(data):
        return services.candidate_add(
            by=request.user,
            question=question,
            name=data.get("name", ""),
            entry=selectors.entry(election, data.get("entry")),
            member=selectors.member(election, data.get("member")),
        )

    return _step(request, election, form, save, _("The candidate is on the ballot."))


def _removal(request, pk: int, remove, done):
    """A row taken off a draft from the vote's page, with nothing more to confirm (a draft is cheap to fix): done →
    back with `done(removed)`; refused (another tab removed it or froze the vote, an id not of this vote) → back
    with the reason, nothing changed."""
    election = _vote(pk)
    require(permissions.can_administer(request.user, election))
    try:
        removed = remove(election)
    except DomainError as error:
        return _refusal(request, election, error)
    messages.success(request, done(removed))
    return _back(election)


@login_required
@require_POST
def question_remove(request, pk, question):
    return _removal(
        request,
        pk,
        lambda election: services.question_remove(by=request.user, election=election, question_id=question),
        lambda removed: (
            _("“%(question)s” and its candidates are removed from the ballot.") % {"question": removed.text}
        ),
    )


@login_required
@require_POST
def candidate_remove(request, pk, candidate):
    return _removal(
        request,
        pk,
        lambda election: services.candidate_remove(
            by=request.user, election=election, candidate_id=candidate
        ),
        lambda removed: _("%(name)s is removed from the ballot.") % {"name": removed.name},
    )


@login_required
@require_POST
def voter_remove(request, pk, voter):
    return _removal(
        request,
        pk,
        lambda election: services.voter_remove(by=request.user, election=election, voter_id=voter),
        lambda removed: _("%(name)s is removed from the roll.") % {"name": removed.name},
    )


@login_required
@require_POST
def roll_members(request, pk):
    election = _vote(pk)
    require(permissions.can_administer(request.user, election))
    try:
        added = services.roll_from_members(by=request.user, election=election)
    except DomainError as error:
        return _refusal(request, election, error)
    messages.success(request, _("Voters added to the roll: %(count)s.") % {"count": added})
    return _back(election)


@login_required
@require_POST
def roll_upload(request, pk):
    election = _vote(pk)
    require(permissions.can_administer(request.user, election))
    form = forms.RollForm(request.POST)
    return _step(
        request,
        election,
        form,
        lambda data: services.roll_upload(by=request.user, election=election, text=data["addresses"]),
        _("The roll is updated."),
    )


@login_required
@require_POST
def roles(request, pk):
    election = _vote(pk)
    require(permissions.can_administer(request.user, election))
    form = forms.RolesForm(request.POST)
    return _step(
        request,
        election,
        form,
        lambda data: services.roles_set(by=request.user, election=election, **data),
        _("The credential authority and the trustees are named."),
    )


@login_required
@require_POST
def freeze(request, pk):
    election = _vote(pk)
    require(permissions.can_administer(request.user, election))
    if refused := _unconfirmed(request, election, "freeze"):
        return refused
    try:
        services.freeze(by=request.user, election=election)
    except DomainError as error:
        return _refusal(request, election, error)
    messages.success(request, _("The setup is frozen. The trustees now generate the key."))
    return _back(election)


@login_required
@require_POST
def trustee_step(request, pk):
    """The trustee's next key step: the first shows her private key once; the later ones take it back."""
    election = _vote(pk)
    trustee = permissions.trustee_of(request.user, election)
    require(permissions.can_view(request.user, election) if trustee else permissions.deny_trustee())
    if trustee.step == 1:
        form = forms.CertificateForm(request.POST)
        if form.is_valid():
            try:
                key = services.trustee_certificate(
                    by=request.user, election=election, certificate=form.cleaned_data["certificate"]
                )
            except DomainError as error:
                if error.field not in form.fields:
                    return _refusal(request, election, error)
                form_error(form, error)
            else:
                return render(request, T + "key.html", {"election": election, "key": key})
        return _vote_page(request, election, {"CertificateForm": form}, status=400)
    form = forms.KeyForm(request.POST)
    step = services.trustee_polynomial if trustee.step == 3 else services.trustee_verification
    if trustee.step == 0:
        step = _not_now
    return _step(
        request,
        election,
        form,
        lambda data: step(by=request.user, election=election, key=data["key"]),
        _("Your key step is recorded. Your private key was not kept."),
    )


def _not_now(**kwargs):
    raise error("wrong_step")


@login_required
@require_POST
def credentials(request, pk):
    election = _vote(pk)
    require(permissions.can_send_credentials(request.user, election))
    if refused := _unconfirmed(request, election, "open"):
        return refused
    try:
        sent = services.credentials_send(by=request.user, election=election)
    except DomainError as error:
        return _refusal(request, election, error)
    messages.success(
        request,
        ngettext(
            "Credentials sent to %(count)s voter. The vote is open.",
            "Credentials sent to %(count)s voters. The vote is open.",
            sent,
        )
        % {"count": sent},
    )
    return _back(election)


@login_required
@require_POST
def close(request, pk):
    election = _vote(pk)
    require(permissions.can_administer(request.user, election))
    try:
        services.close(by=request.user, election=election)
    except DomainError as error:
        return _refusal(request, election, error)
    messages.success(request, _("Voting is closed. The trustees now decrypt the tally."))
    return _back(election)


@login_required
@require_POST
def shuffle(request, pk):
    election = _vote(pk)
    _require_trustee(request, election)
    form = forms.ShuffleForm(request.POST)
    return _step(
        request,
        election,
        form,
        lambda data: services.shuffle(by=request.user, election=election, own=data["own"]),
        _("Your shuffle is checked and in the archive."),
    )


@login_required
@require_POST
def decrypt(request, pk):
    election = _vote(pk)
    _require_trustee(request, election)
    form = forms.KeyForm(request.POST)
    return _step(
        request,
        election,
        form,
        lambda data: services.decrypt(by=request.user, election=election, key=data["key"]),
        _("Your partial decryption is recorded. Your private key was not kept."),
    )


@login_required
@PAGE
def ballot(request, pk):
    election = _vote(pk)
    voter = permissions.voter_of(request.user, election)
    require(permissions.can_vote(request.user, election, voter))
    if not services.accepting_ballots(election):
        # Not yet, or over: a ballot filled in here would only be refused when sent.
        return _refusal(request, election, services.not_open(election))
    if election.two_factor and not permissions.two_factor_on(request.user):
        messages.warning(request, _("Council votes ask for two-factor sign-in: turn it on to vote."))
        return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
    questions = selectors.questions(election)
    form = forms.BallotForm(request.POST if request.method == "POST" else None, questions=questions)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.cast(
                    by=request.user,
                    election=election,
                    credential=form.cleaned_data["credential"],
                    picked=form.picked(),
                )
            except DomainError as error:
                form_error(form, error)
            else:
                # To the vote's page, which shows the tracker: reloading it does not post the ballot again.
                messages.success(request, _("Your ballot is in the box."))
                return redirect(f"{reverse('voting:vote', args=[election.pk])}#tracker")
    context = {"election": election, "form": form, "voter": voter}
    return render(request, T + "ballot.html", context, status=status)
