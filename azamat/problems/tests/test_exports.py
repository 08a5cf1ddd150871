"""The register as a document: grouped by area in the areas' order, each problem with its regions, legal acts,
endorsements and recommendations with what the body did — as PDF, DOCX and XLSX that carry the Kazakh letters,
keep a text starting with "=" a text, and open in LibreOffice."""

import csv
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from azamat.accountability import services as accountability
from azamat.accounts.models import PlatformRole
from azamat.problems import exports, services
from azamat.problems.models import Problem
from azamat.problems.selectors import public_problems
from azamat.problems.tests.factories import proposed, registered, working_group_member
from azamat.registry.models import GovernmentBody, Region
from azamat.testing.factories import MembershipFactory, OrganisationFactory, PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

KAZAKH = "Ауылдық ҮЕҰ-лар әлеуметтік тапсырыс үшін несие алады: жиһаз, өңір, ұйым, үй, ғимарат, кеңсе."
FORMULA = '=HYPERLINK("http://example.com","Ашу")'
SSO = (
    "Закон Республики Казахстан «О государственном социальном заказе, грантах и премиях для "
    "неправительственных организаций в Республике Казахстан»"
)


@pytest.fixture(autouse=True)
def english():
    """Labels in English (the msgids), so the assertions read the same whatever the catalogues say."""
    with translation.override("en"):
        yield


def endorse(problem, count):
    for _ in range(count):
        person = UserFactory()
        MembershipFactory(user=person, organisation=OrganisationFactory())
        services.endorsement_add(
            problem=problem, organisation=person.memberships.get().organisation, by=person, case="Бізде де."
        )


@pytest.fixture
def register_world(alice, ngo):
    """A register of two public problems in two areas and one proposal: the financing problem with two regions,
    a legal act, three endorsing organisations and two recommendations sent — one rejected by the Ministry of
    Finance, one awaiting the committee's answer; a partnership problem whose title starts with "="."""
    group = working_group_member()
    minfin = GovernmentBody.objects.get(code="minfin")
    committee = GovernmentBody.objects.get(code="mci-civil-society")
    officer = UserFactory()
    PlatformRoleFactory(user=officer, role=PlatformRole.Role.GOVERNMENT_OFFICER, body=minfin)
    regions = list(Region.objects.filter(kato__in=["350000000", "750000000"]))
    advance = registered(
        by=alice,
        group=group,
        organisation=ngo,
        title="Аванс 30% по государственному социальному заказу",
        description=KAZAKH,
        regions=regions,
    )
    services.legal_act_add(problem=advance, by=group, name=SSO, article="статья 6")
    endorse(advance, 3)
    rejected = services.recommendation_add(
        problem=advance, by=group, text="Ввести обязательный аванс 30% по договорам ГСЗ.", body=minfin
    )
    waiting = services.recommendation_add(
        problem=advance, by=group, text="Закрепить аванс в правилах ГСЗ.", body=committee
    )
    item = services.recommendation_send(recommendation=rejected, by=group, quiet=True)
    accountability.item_answer(item=item, by=officer, outcome="rejected", text="Бюджет не предусматривает.")
    awaiting = services.recommendation_send(recommendation=waiting, by=group, quiet=True)
    formula = registered(
        by=alice, group=group, organisation=ngo, title=FORMULA, area_code="partnership", description="Текст."
    )
    hidden = proposed(by=alice, title="Черновик, который ещё не в реестре")
    return {
        "advance": advance,
        "formula": formula,
        "hidden": hidden,
        "item": item,
        "awaiting": awaiting,
        "group": group,
    }


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} <= set(
            package.namelist()
        )
        root = ElementTree.fromstring(package.read("word/document.xml"))  # well-formed XML or it raises
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p")]
    return "\n".join(paragraphs)


def test_the_register_groups_public_problems_by_area_in_a_fixed_number_of_queries(register_world):
    document = exports.register(public_problems())
    assert [section.area.code for section in document.sections][:2] == ["partnership", "financing"]
    assert len(document.sections) == 8
    [formula] = document.sections[0].entries
    [advance] = document.sections[1].entries
    assert formula.problem == register_world["formula"]
    assert advance.endorsements == 3
    assert advance.regions_text == "Karaganda Region, Almaty"
    assert advance.acts == [f"{SSO}, статья 6"]
    assert [a.body for a in advance.actions] == ["Ministry of Finance", "Committee for Civil Society Affairs"]
    assert [[i.status for i in a.items] for a in advance.actions] == [["rejected"], ["awaiting"]]
    assert register_world["hidden"] not in [e.problem for e in document.entries]

    with CaptureQueriesContext(connection) as few:
        exports.register(public_problems())
    group = register_world["group"]
    for n in range(4):
        more = registered(by=group, group=group, title=f"Ещё проблема {n}", area_code="reporting")
        endorse(more, 2)
        recommendation = services.recommendation_add(
            problem=more, by=group, text="Решить.", body=GovernmentBody.objects.get(code="minfin")
        )
        services.recommendation_send(recommendation=recommendation, by=group, quiet=True)
        services.legal_act_add(problem=more, by=group, name="Налоговый кодекс", article=f"статья {n}")
    with CaptureQueriesContext(connection) as many:
        document = exports.register(public_problems())
    assert len(document.entries) == 6
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_pdf_carries_the_register_with_its_kazakh_text(register_world):
    item = register_world["item"]
    awaiting = register_world["awaiting"]
    with translation.override("en"):
        content = exports.register_pdf(public_problems())
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    advance = register_world["advance"]
    assert f"{advance.number}. Аванс 30% по государственному социальному заказу" in text
    assert KAZAKH in text
    assert all(letter in text for letter in "әғқңөұүһі")
    assert "1. Partnership with the state" in text and "2. Financing" in text
    assert text.index("Partnership with the state") < text.index("2. Financing")
    assert "Organisations endorsing: 3" in text
    assert "Ministry of Finance" in text
    assert f"{item.number}: Rejected" in text
    assert f"{awaiting.number}: Awaiting answer, answer due" in text
    assert "Karaganda Region, Almaty" in text
    assert "Черновик" not in text


def test_the_docx_is_a_word_document_with_the_register(register_world):
    with translation.override("en"):
        content = exports.register_docx(public_problems())
    text = docx_text(content)
    advance = register_world["advance"]
    assert f"{advance.number}. Аванс 30% по государственному социальному заказу" in text
    assert KAZAKH in text
    assert f"— {SSO}, статья 6" in text
    assert "Organisations endorsing: 3" in text
    assert f"{register_world['item'].number}: Rejected" in text
    assert "Ministry of Finance" in text
    assert "Черновик" not in text
    assert FORMULA in text  # a Word document has no formulas: the title is shown as typed


def test_the_xlsx_has_a_row_per_recommendation_and_no_formula(register_world):
    with translation.override("en"):
        content = exports.register_xlsx(public_problems())
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Area", "Number", "Problem") and "What the body did" in header
    advance = register_world["advance"]
    mine = [dict(zip(header, row, strict=True)) for row in rows[1:] if row[1] == advance.number]
    assert [row["Body that must act"] for row in mine] == [
        "Ministry of Finance",
        "Committee for Civil Society Affairs",
    ]
    assert [row["What the body did"] for row in mine] == ["Rejected", "Awaiting answer"]
    assert mine[0]["Description"] == KAZAKH
    assert mine[0]["Organisations endorsing"] == 3
    assert mine[1]["Answer due"].date() == register_world["awaiting"].due_on
    [formula_row] = [
        row for row in sheet.iter_rows(min_row=2) if row[1].value == register_world["formula"].number
    ]
    title = formula_row[2]
    # Shown as typed (no apostrophe), in a text cell with Excel's quote prefix: never run, even when edited.
    assert (title.data_type, title.quotePrefix) == ("s", True)
    assert title.value.endswith(FORMULA)
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert "<f>" not in package.read("xl/worksheets/sheet1.xml").decode()


def soffice_convert(source, target: str, tmp_path) -> bytes:
    """Convert `source` with LibreOffice (headless, its own profile) and return the converted file."""
    soffice = shutil.which("soffice")
    assert soffice, (
        "LibreOffice is needed to check the exports open in it: apt-get install libreoffice-writer libreoffice-calc"
    )
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    done = subprocess.run(  # noqa: S603 — our own file and fixed arguments
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    converted = list(out.iterdir())
    assert done.returncode == 0 and converted, done.stderr.decode(errors="replace")
    return converted[0].read_bytes()


def test_libreoffice_opens_the_docx(register_world, tmp_path):
    with translation.override("en"):
        source = tmp_path / "register.docx"
        source.write_bytes(exports.register_docx(public_problems()))
    text = pdf_text(soffice_convert(source, "pdf", tmp_path))
    assert "Аванс 30% по государственному социальному заказу" in text
    assert "ҮЕҰ-лар әлеуметтік" in text
    assert f"{register_world['item'].number}: Rejected" in text


def test_libreoffice_opens_the_xlsx_and_reads_text_not_a_formula(register_world, tmp_path):
    with translation.override("en"):
        source = tmp_path / "register.xlsx"
        source.write_bytes(exports.register_xlsx(public_problems()))
    # CSV in UTF-8 (76), comma-separated (44), quoted with " (34).
    content = soffice_convert(source, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Area", "Number", "Problem"]
    by_number = {row[1]: row for row in rows[1:]}
    advance = by_number[register_world["advance"].number]
    assert advance[2] == "Аванс 30% по государственному социальному заказу"
    assert advance[3] == KAZAKH
    formula = by_number[register_world["formula"].number]
    assert formula[2].endswith(FORMULA)  # shown as typed, not the formula's result ("Ашу")


def test_a_problem_without_recommendations_and_an_empty_area_still_show(register_world):
    Problem.objects.filter(pk=register_world["advance"].pk).update(status=Problem.Status.PROPOSED)
    with translation.override("en"):
        text = pdf_text(exports.register_pdf(public_problems()))
        rows = list(load_workbook(io.BytesIO(exports.register_xlsx(public_problems()))).active.values)
    assert text.count("No problems in this area.") == 7
    assert len(rows) == 2 and rows[1][1] == register_world["formula"].number
