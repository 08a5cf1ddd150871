"""The form's pages: the form (questions as a tree with their pages, versions, warnings, upload and download), the
XLSForm upload and download, the starter template, the team's preview of a page (nothing saved), and the form
editor (questions, groups, choice lists). Managers change the form; the team and interviewers read it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.permissions import require
from azamat.surveys import definition as spec
from azamat.surveys import engine, form_services, xlsform
from azamat.surveys.form_forms import TYPE_CHOICES, QuestionForm, UploadForm, language_name, read_choices
from azamat.surveys.models import Survey, SurveyVersion
from azamat.surveys.permissions import can_manage_survey, can_view_survey

PREVIEW_SALT = "surveys.form_preview"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _survey(request, pk: int) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("organisation", "council", "body"), pk=pk)
    require(can_view_survey(request.user, survey))
    return survey


def _managed(request, pk: int) -> Survey:
    survey = _survey(request, pk)
    require(can_manage_survey(request.user, survey))
    return survey


def _tree(definition: dict, language: str) -> list[dict]:
    """The form's nodes in order with their depth and page number, for the tree on the form page."""
    languages = definition.get("languages")
    kinds = dict(TYPE_CHOICES)
    rows: list[dict] = []
    page_of: dict[str, int] = {}
    for number, page in enumerate(spec.pages(definition), start=1):
        for node in page:
            page_of[node["name"]] = number

    def visit(nodes, depth, page):
        for index, node in enumerate(nodes):
            here = page_of.get(node["name"], page)
            if depth == 0 and (not rows or rows[-1]["page"] != here):
                rows.append({"page_start": True, "page": here})
            rows.append(
                {
                    "node": node,
                    "depth": depth,
                    "page": here,
                    "label": spec.text(node.get("label"), language, languages) or node["name"],
                    "kind": kinds.get(node["type"], node["type"]),
                    "first": index == 0,
                    "last": index == len(nodes) - 1,
                    "container": node["type"] in spec.CONTAINER_TYPES,
                    "choices": len(definition.get("choices", {}).get(node.get("list", ""), [])),
                }
            )
            if node["type"] in spec.CONTAINER_TYPES:
                visit(node.get("children", []), depth + 1, here)

    visit(definition.get("children", []), 0, 1)
    return rows


def _form_page(request, survey, *, upload_form=None, problems=None, status=200):
    current = survey.current_version()
    definition = current.definition if current else form_services.empty_definition(survey)
    language = get_language() or "ru"
    versions = survey.versions.annotate(answered=Count("responses")).order_by("-number")
    empty_lists = [name for name, items in definition.get("choices", {}).items() if not items]
    context = {
        "survey": survey,
        "version": current,
        "definition": definition,
        "versions": versions,
        "tree": _tree(definition, language),
        "pages": range(len(spec.pages(definition))),
        # Put into words now, in the reader's language (stored as codes; pyxform's English in our words).
        "warnings": xlsform.shown_warnings(current.warnings if current else []),
        "empty_lists": empty_lists,
        "lists": sorted(definition.get("choices", {})),
        "groups": [
            node["name"]
            for node in spec.walk(definition.get("children", []))
            if node["type"] in spec.CONTAINER_TYPES
        ],
        "languages": [(code, language_name(code)) for code in definition.get("languages", [])],
        "all_languages": [
            (code, name, code in definition.get("languages", []))
            for code, name in spec.LANGUAGE_NAMES.items()
        ],
        "default_language": (definition.get("languages") or ["ru"])[0],
        "can_manage": bool(can_manage_survey(request.user, survey)),
        "answered": form_services.has_responses(current),
        "upload_form": upload_form
        or UploadForm(initial={"default_language": language if language in ("kk", "ru", "en") else "ru"}),
        "problems": problems or [],
    }
    return render(request, "surveys/forms/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def form(request, pk):
    """The form page; a manager's POST sets the form's languages (the first is the default)."""
    survey = _survey(request, pk)
    if request.method == "GET":
        return _form_page(request, survey)
    require(can_manage_survey(request.user, survey))
    known = [code for code, _name in settings.LANGUAGES]
    chosen = [code for code in request.POST.getlist("languages") if code in known]
    default = request.POST.get("default_language", "")
    if default in chosen:
        chosen.remove(default)
        chosen.insert(0, default)
    try:
        form_services.languages_save(survey=survey, by=request.user, languages=chosen)
    except form_services.FormError as error:
        messages.error(request, str(error))
        return _form_page(request, survey, status=400)
    messages.success(request, _("The form's languages are saved."))
    return redirect("surveys:form", survey.pk)


@login_required
@require_POST
def form_upload(request, pk):
    survey = _managed(request, pk)
    upload = UploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return _form_page(request, survey, upload_form=upload, status=400)
    uploaded = upload.cleaned_data["file"]
    if uploaded.size > xlsform.MAX_BYTES:
        problem = xlsform.located(
            "file",
            None,
            _("the file is %(size)s MB; an XLSForm may be at most %(max)s MB.")
            % {
                "size": number_format(uploaded.size / 1024 / 1024, 1),
                "max": xlsform.MAX_BYTES // 1024 // 1024,
            },
        )
        return _form_page(request, survey, upload_form=upload, problems=[problem], status=400)
    data = uploaded.read(xlsform.MAX_BYTES + 1)
    try:
        version = form_services.form_upload(
            survey=survey,
            by=request.user,
            data=data,
            filename=uploaded.name or "form.xlsx",
            default_language=upload.cleaned_data["default_language"],
        )
    except form_services.FormError as error:
        return _form_page(request, survey, upload_form=upload, problems=error.problems, status=400)
    messages.success(
        request,
        _("The form is taken as version %(number)s: %(count)s questions.")
        % {"number": version.number, "count": len(spec.questions(version.definition, into_repeats=True))},
    )
    # Its own anchor, or the browser keeps the form's (#upload) and scrolls past the message at the top.
    return redirect(reverse("surveys:form", args=[survey.pk]) + "#content")


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def form_xlsform(request, pk):
    survey = _survey(request, pk)
    number = request.GET.get("version", "")
    if number:
        if not number.isdigit():
            raise Http404(_("No such version."))
        version = get_object_or_404(SurveyVersion, survey=survey, number=int(number))
    else:
        version = survey.current_version()
        if version is None:
            raise Http404(_("This survey has no form yet."))
    return _xlsx(xlsform.write_xlsform(version.definition), f"survey-{survey.pk}-v{version.number}.xlsx")


@require_GET
def form_template(request):
    return _xlsx(xlsform.write_xlsform(xlsform.template_definition()), "azamat-xlsform-template.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def form_preview(request, pk, page):
    survey = _survey(request, pk)
    current = survey.current_version()
    if current is None:
        raise Http404(_("This survey has no form yet."))
    definition = current.definition
    total = len(spec.pages(definition))
    if page >= total:
        raise Http404(_("No such page."))
    language = request.GET.get("lang") or get_language() or "ru"
    if language not in definition.get("languages", []):
        language = (definition.get("languages") or ["ru"])[0]
    answers: dict = {}
    errors: dict = {}
    posted = None
    shown = page
    if request.method == "POST":
        try:
            answers = signing.loads(request.POST.get("_answers", ""), salt=PREVIEW_SALT, max_age=86400)
        except signing.BadSignature:
            answers = {}
        if not isinstance(answers, dict):
            answers = {}
        read, errors = engine.read_page(definition, page, answers, request.POST, language)
        action = engine.page_action(definition, page, request.POST)
        answers = read
        if action:
            errors = {}
        elif request.POST.get("back"):
            previous = engine.previous_page(definition, answers, page)
            shown = previous if previous is not None else page
            errors = {}
        elif not errors:
            following = engine.next_page(definition, answers, page)
            if following is None:
                messages.info(
                    request, _("This was the last page: a respondent would now see the thank-you page.")
                )
            else:
                shown = following
        else:
            posted = request.POST
    fields = engine.page_fields(
        definition, shown, answers, errors, language, posted=posted if errors else None
    )
    context = {
        "survey": survey,
        "version": current,
        "page": shown,
        "number": shown + 1,
        "total": total,
        "fields": fields,
        "errors": errors,
        "language": language,
        "languages": [(code, language_name(code)) for code in definition.get("languages", [])],
        "signed_answers": signing.dumps(answers, salt=PREVIEW_SALT),
        "action": reverse("surveys:form_preview", args=[survey.pk, shown]) + f"?lang={language}",
        "title": spec.text(definition.get("title"), language, definition.get("languages")) or survey.title,
    }
    return render(request, "surveys/forms/preview.html", context, status=400 if errors else 200)


# --- the editor -------------------------------------------------------------------------------------------------


def _editor_page(request, survey, form, *, original=None, status=200, problems=None):
    definition = form.definition
    return render(
        request,
        "surveys/forms/question.html",
        {
            "survey": survey,
            "form": form,
            "original": original,
            "answered": form_services.has_responses(survey.current_version()),
            "lists": sorted(definition.get("choices", {})),
            "problems": problems or [],
            "text_fields": [form[key] for key in form.text_fields],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request, pk):
    survey = _managed(request, pk)
    definition = form_services.editable_definition(survey)
    if request.method == "GET":
        initial = {"parent": request.GET.get("parent", ""), "type": request.GET.get("type", "text")}
        return _editor_page(request, survey, QuestionForm(definition=definition, initial=initial))
    form = QuestionForm(request.POST, definition=definition)
    if not form.is_valid():
        return _editor_page(request, survey, form, status=400)
    node = form.node()
    try:
        form_services.question_save(
            survey=survey, by=request.user, node=node, parent=form.cleaned_data.get("parent")
        )
    except form_services.FormError as error:
        return _editor_page(request, survey, form, status=400, problems=error.problems)
    messages.success(request, _("“%(name)s” is added.") % {"name": node["name"]})
    if node["type"] in spec.CHOICE_TYPES and not form_services.editable_definition(survey)["choices"].get(
        node["list"]
    ):
        return redirect("surveys:choices", survey.pk, node["list"])
    return redirect(reverse("surveys:form", args=[survey.pk]) + f"#q-{node['name']}")


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk, name):
    survey = _managed(request, pk)
    definition = form_services.editable_definition(survey)
    original = spec.find(definition, name)
    if original is None:
        raise Http404(_("There is no such question."))
    if request.method == "GET":
        return _editor_page(
            request, survey, QuestionForm(definition=definition, original=original), original=original
        )
    form = QuestionForm(request.POST, definition=definition, original=original)
    if not form.is_valid():
        return _editor_page(request, survey, form, original=original, status=400)
    node = form.node()
    try:
        form_services.question_save(survey=survey, by=request.user, node=node, original=name)
    except form_services.FormError as error:
        return _editor_page(request, survey, form, original=original, status=400, problems=error.problems)
    messages.success(request, _("“%(name)s” is saved.") % {"name": node["name"]})
    if node["type"] in spec.CHOICE_TYPES and not form_services.editable_definition(survey)["choices"].get(
        node["list"]
    ):
        return redirect("surveys:choices", survey.pk, node["list"])
    return redirect(reverse("surveys:form", args=[survey.pk]) + f"#q-{node['name']}")


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request, pk, name):
    survey = _managed(request, pk)
    definition = form_services.editable_definition(survey)
    node = spec.find(definition, name)
    if node is None:
        raise Http404(_("There is no such question."))
    inside = [item["name"] for item in spec.walk(node.get("children", []))]
    context = {
        "survey": survey,
        "node": node,
        "label": spec.text(node.get("label"), get_language() or "ru", definition.get("languages")) or name,
        "inside": inside,
        "answered": form_services.has_responses(survey.current_version()),
    }
    if request.method == "GET":
        return render(request, "surveys/forms/question_delete.html", context)
    shown = _shown_name(survey, name)
    try:
        form_services.question_delete(survey=survey, by=request.user, name=name)
    except form_services.FormError as error:
        context["problems"] = error.problems
        return render(request, "surveys/forms/question_delete.html", context, status=400)
    messages.success(request, _("“%(name)s” is deleted.") % {"name": shown})
    return redirect("surveys:form", survey.pk)


def _shown_name(survey, name: str) -> str:
    """A question as a message names it: its label in the page's language, else its name."""
    version = survey.current_version()
    node = spec.find(version.definition, name) if version else None
    if node is None:
        return name
    return spec.text(node.get("label"), get_language() or "ru", version.definition.get("languages")) or name


@login_required
@require_POST
def question_move(request, pk, name):
    survey = _managed(request, pk)
    direction = request.POST.get("direction", "")
    try:
        form_services.question_move(
            survey=survey,
            by=request.user,
            name=name,
            direction=direction,
            target=request.POST.get("target", ""),
        )
    except form_services.FormError as error:
        if error.code == "no_question":
            raise Http404(str(error)) from error
        messages.error(request, str(error))
        return _form_page(request, survey, status=400)
    messages.success(request, _("“%(name)s” is moved.") % {"name": _shown_name(survey, name)})
    return redirect(reverse("surveys:form", args=[survey.pk]) + f"#q-{name}")


@login_required
@require_http_methods(["GET", "POST"])
def choices(request, pk, list_name):
    survey = _managed(request, pk)
    definition = form_services.editable_definition(survey)
    languages = list(definition.get("languages") or ["ru"])
    items = definition.get("choices", {}).get(list_name)
    users = [
        node["name"] for node in spec.walk(definition.get("children", [])) if node.get("list") == list_name
    ]
    if items is None and not users:
        raise Http404(_("There is no such choice list."))
    items = list(items or [])
    problems: list[str] = []
    new_name = list_name
    status = 200
    if request.method == "POST":
        posted_items, problems = read_choices(request.POST, languages)
        new_name = (request.POST.get("list_name") or list_name).strip()[:100]
        if "rows" not in request.POST:
            problems = [_("The list was not sent: nothing is saved.")]
        elif not posted_items and not problems:
            problems = [_("A list needs at least one choice.")]
        if not problems:
            try:
                form_services.choices_save(
                    survey=survey, by=request.user, list_name=list_name, items=posted_items, new_name=new_name
                )
            except form_services.FormError as error:
                problems = error.problems
            else:
                messages.success(request, _("The list “%(name)s” is saved.") % {"name": new_name})
                return redirect("surveys:form", survey.pk)
        items = posted_items
        status = 400
    rows = [
        {
            "index": index,
            "name": item.get("name", ""),
            "labels": [
                (code, language_name(code), (item.get("label") or {}).get(code, "")) for code in languages
            ],
        }
        for index, item in enumerate([*items, *([{}] * 5)])
    ]
    return render(
        request,
        "surveys/forms/choices.html",
        {
            "survey": survey,
            "list_name": list_name,
            "new_name": new_name,
            "rows": rows,
            "count": len(rows),
            "users": users,
            "problems": problems,
            "answered": form_services.has_responses(survey.current_version()),
        },
        status=status,
    )
