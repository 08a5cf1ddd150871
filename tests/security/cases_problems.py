"""The problem register's rows of the authorisation matrix, and the objects they need in the world.

A registered problem filed by the first NGO's administrator for the NGO (public), with evidence carrying a PDF
and a recommendation to the officer's body not yet sent; and a proposal by the NGO's member, which only the
NGO's people and the working group (platform administrators too) read."""

from tests.security.matrix import Case
from tests.security.world import World

WORKING_GROUP = ("working_group", "platform_admin")
MEMBERS = ("member", "owner", "other_member", "other_admin")  # active members of an NGO act for it
PROPOSERS = ("member", "owner")  # the first NGO's people: the problems it filed are theirs


def build(w: World) -> None:
    from django.core.files.base import ContentFile

    from azamat.problems import services
    from azamat.problems.models import Area

    owner, member, group = w.people["owner"], w.people["member"], w.people["working_group"]
    financing = Area.objects.get(code="financing")
    w.problem_public = services.problem_propose(
        by=owner,
        area=financing,
        title="Задержка выплаты второго транша",
        description="Операторы задерживают второй транш.",
        organisation=w.ngo,
    )
    services.problem_step(problem=w.problem_public, name="review", by=group)
    services.problem_step(problem=w.problem_public, name="register", by=group, reason="Подтверждено")
    w.problem_evidence = services.evidence_add(
        problem=w.problem_public,
        by=group,
        kind="document",
        text="Письмо оператора",
        file=ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "letter.pdf"),
    )
    w.problem_recommendation = services.recommendation_add(
        problem=w.problem_public, by=group, text="Установить срок выплаты транша", body=w.body
    )
    w.problem_proposed = services.problem_propose(
        by=member,
        area=financing,
        title="Сложная налоговая отчётность",
        description="Формы меняются каждый год.",
        organisation=w.ngo,
    )


def _cases() -> dict[str, list]:
    from tests.security.matrix import NOWHERE, POST_ONLY, PUBLIC, SIGNED, SIGNED_IN, allow, table

    def none(w):
        return {}

    def public(w):
        return {"number": w.problem_public.number}

    def proposal(w):
        return {"number": w.problem_proposed.number}

    def moderate(code):
        return [Case("", public, POST_ONLY, allow(WORKING_GROUP, code), WORKING_GROUP)]

    readers = allow(PROPOSERS + WORKING_GROUP, anonymous="403")
    cases = {
        "problems:register": [Case("", none, PUBLIC)],
        "problems:export": [Case("", none, PUBLIC)],
        "problems:propose": [Case("", none, SIGNED, table("400", anonymous="login"), SIGNED_IN)],
        "problems:similar": [Case("", none, SIGNED)],
        "problems:problem": [Case("public", public, PUBLIC), Case("proposed", proposal, readers)],
        "problems:edit": [Case("", public, allow(WORKING_GROUP), allow(WORKING_GROUP, "400"), WORKING_GROUP)],
        # Without a reason a proposal is taken for review (a step that needs none): the working group's 302.
        "problems:step": [
            Case(
                "",
                lambda w: {"number": w.problem_proposed.number, "step": "review"},
                POST_ONLY,
                allow(WORKING_GROUP, "302"),
                WORKING_GROUP,
            )
        ],
        "problems:endorse": [Case("", public, POST_ONLY, allow(MEMBERS, "400"), MEMBERS)],
        "problems:evidence_add": [
            Case("", public, POST_ONLY, allow(PROPOSERS + WORKING_GROUP, "400"), PROPOSERS + WORKING_GROUP)
        ],
        "problems:evidence_file": [
            Case("", lambda w: {"number": w.problem_public.number, "pk": w.problem_evidence.pk}, PUBLIC)
        ],
        "problems:legal_act_add": moderate("400"),
        "problems:recommendation_add": moderate("400"),
        "problems:recommendation_send": [
            Case(
                "",
                lambda w: {"number": w.problem_public.number, "pk": w.problem_recommendation.pk},
                POST_ONLY,
                allow(WORKING_GROUP, "302"),
                WORKING_GROUP,
            )
        ],
        "problems:merge": moderate("400"),
    }
    from azamat.api.urls import API_MODULES

    if "azamat.problems.api" in API_MODULES:
        cases.update(
            {
                "v1:problem-list": [Case("", none, PUBLIC)],
                "v1:problem-detail": [
                    Case("public", public, PUBLIC),
                    Case("proposed", proposal, NOWHERE),
                ],
            }
        )
    return cases


CASES: dict[str, list] = _cases()
