"""Surveys' analysis rows of the authorisation matrix; the objects come from cases_surveys.build, plus a second
survey of the first NGO whose results are public, and the file of the world's finished export.

The world's survey keeps its results private: its analysis, crosstab, open answers, weights, report, exports and
their downloads are for the team (owner = manager, member = analyst); changing the weights and the report's
questions for the manager. The public survey's report, its PDF and its aggregates in the API are for everyone."""

from tests.security.matrix import Case
from tests.security.world import World

MANAGERS = ("owner",)
TEAM = ("owner", "member")


def build(w: World) -> None:
    import os

    from django.conf import settings

    from azamat.surveys.models import Survey
    from azamat.testing import surveys_factories as sf

    w.survey_public = sf.survey(
        by=w.people["owner"],
        organisation=w.ngo,
        title="Опрос с открытыми итогами",
        results=Survey.Results.PUBLIC,
    )
    sf.response(w.survey_public, {"region": "751000000", "sex": "m", "age": 40, "services": ["sign"]})
    sf.response(w.survey, {"region": "751000000", "sex": "f", "age": 29, "why": "Нет пандуса"})
    relative = f"surveys/exports/{w.survey.pk}/{w.survey_export.pk}-matrix.csv"
    absolute = os.path.join(settings.MEDIA_ROOT, relative)
    os.makedirs(os.path.dirname(absolute), exist_ok=True)
    with open(absolute, "w", encoding="utf-8") as handle:
        handle.write("response_id\n1\n")
    w.survey_export.file_path = relative
    w.survey_export.save(update_fields=["file_path"])


def _cases() -> dict[str, list]:
    from django.urls import reverse

    from tests.security.matrix import PUBLIC, allow, table

    def survey(w):
        return {"pk": w.survey.pk}

    def public(w):
        return {"pk": w.survey_public.pk}

    def none(w):
        return {}

    team = allow(TEAM, anonymous="403")
    team_400 = allow(TEAM, "400", anonymous="403")
    managers_400 = allow(MANAGERS, "400", anonymous="403")
    managers_302 = allow(MANAGERS, "302", anonymous="403")
    team_api = table("404", **dict.fromkeys(TEAM, "200"))

    def export(w):
        return {"pk": w.survey.pk, "job": w.survey_export.pk}

    def api(name, query):
        return lambda w: reverse(name, args=[w.survey.pk]) + query

    return {
        "surveys:analysis": [Case("", survey, team)],
        "surveys:crosstab": [Case("", survey, team)],
        "surveys:open_answers": [
            Case("", lambda w: {"pk": w.survey.pk, "name": "why"}, team),
            Case(
                "personal",
                lambda w: {"pk": w.survey.pk, "name": "phone"},
                allow(TEAM, "404", anonymous="403"),
            ),
        ],
        # An empty POST names no action: refused, nothing changed; only managers get that far.
        "surveys:weights": [Case("", survey, team, managers_400)],
        # An empty POST clears the report's chosen questions (every non-personal one is shown).
        "surveys:report": [
            Case("private", survey, team, managers_302, MANAGERS),
            Case("public", public, PUBLIC, managers_302, MANAGERS),
        ],
        "surveys:report_pdf": [Case("private", survey, team), Case("public", public, PUBLIC)],
        # An empty export request: the format is missing, nothing is recorded.
        "surveys:exports": [Case("", survey, team, team_400)],
        "surveys:export": [Case("", export, team)],
        "surveys:export_download": [Case("", export, team)],
        "v1:survey-list": [Case("", none, PUBLIC)],
        "v1:survey-detail": [Case("private", survey, team_api), Case("public", public, PUBLIC)],
        "v1:survey-responses": [
            Case("", survey, team_api),
            Case("public", public, allow(MANAGERS, others="403", anonymous="403")),
        ],
        "v1:survey-frequencies": [
            Case("private", survey, team_api, path=api("v1:survey-frequencies", "?question=sex")),
            Case(
                "public",
                public,
                PUBLIC,
                path=lambda w: reverse("v1:survey-frequencies", args=[w.survey_public.pk]) + "?question=sex",
            ),
        ],
        "v1:survey-crosstab": [
            Case("private", survey, team_api, path=api("v1:survey-crosstab", "?row=sex&column=region")),
            Case(
                "public",
                public,
                PUBLIC,
                path=lambda w: (
                    reverse("v1:survey-crosstab", args=[w.survey_public.pk]) + "?row=sex&column=region"
                ),
            ),
        ],
    }


CASES: dict[str, list] = _cases()
