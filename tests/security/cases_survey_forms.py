"""Surveys' forms rows of the authorisation matrix; the objects come from cases_surveys.build.

The form page, its XLSForm download and the preview are for the team and the interviewers (owner, member,
citizen); uploading and editing are for the managers (owner); the starter template is public. The survey has a
response, so a manager's change makes version 2. Empty POSTs are refused (400) and change nothing; the manager's
delete of an unused question is the one write."""

from tests.security.matrix import Case
from tests.security.world import World

MANAGERS = ("owner",)
READERS = ("owner", "member", "citizen")


def build(w: World) -> None:
    pass


def _cases() -> dict[str, list]:
    from tests.security.matrix import POST_ONLY, PUBLIC, allow

    def survey(w):
        return {"pk": w.survey.pk}

    def question(name):
        return lambda w: {"pk": w.survey.pk, "name": name}

    managers = allow(MANAGERS)
    refused_for_managers = allow(MANAGERS, "400")
    return {
        "surveys:form": [Case("", survey, allow(READERS), refused_for_managers)],
        "surveys:form_upload": [Case("", survey, POST_ONLY, refused_for_managers)],
        "surveys:form_xlsform": [Case("", survey, allow(READERS))],
        "surveys:form_template": [Case("", lambda w: {}, PUBLIC)],
        "surveys:form_preview": [
            Case("", lambda w: {"pk": w.survey.pk, "page": 0}, allow(READERS), allow(READERS, "400"))
        ],
        "surveys:question_add": [Case("", survey, managers, refused_for_managers)],
        "surveys:question_edit": [Case("", question("age"), managers, refused_for_managers)],
        "surveys:question_delete": [
            Case("", question("visited"), managers, allow(MANAGERS, "302"), MANAGERS)
        ],
        "surveys:question_move": [Case("", question("sex"), POST_ONLY, refused_for_managers)],
        "surveys:choices": [
            Case("", lambda w: {"pk": w.survey.pk, "list_name": "sex"}, managers, refused_for_managers)
        ],
    }


CASES: dict[str, list] = _cases()
