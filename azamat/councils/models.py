"""Public councils: the registry of councils, their members and committees, meetings with agendas, attendance,
minutes and decisions, and the composition rules each level of council follows."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.councils.plausible import FIRST_YEAR, last_year, plausible

NAME_LANGUAGES = ("kk", "ru", "en")


def _localised(obj, field: str) -> str:
    lang = (get_language() or "kk")[:2]
    for code in (lang, "ru", "kk", "en"):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


class Level(models.TextChoices):
    CENTRAL = "central", _("Central state body")
    REGIONAL = "regional", _("Region")
    REPUBLICAN_CITY = "republican_city", _("City of republican significance")
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    QUASI_PUBLIC = "quasi_public", _("Quasi-public entity")


class CompositionRule(models.Model):
    """How large a council of a level may be and how many of its members may represent the state.

    The law sets 15–30 members at central bodies and 10–15 at quasi-public entities; the other ranges and the
    state share (about one third) are not confirmed, so an administrator keeps them here."""

    level = models.CharField(_("level"), max_length=20, choices=Level.choices, unique=True)
    min_members = models.PositiveSmallIntegerField(_("smallest number of members"))
    max_members = models.PositiveSmallIntegerField(_("largest number of members"))
    state_share_numerator = models.PositiveSmallIntegerField(_("state members: at most"), default=1)
    state_share_denominator = models.PositiveSmallIntegerField(_("in every"), default=3)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("composition rule")
        verbose_name_plural = _("composition rules")
        ordering = ["level"]

    def __str__(self) -> str:
        return str(self.get_level_display())


class Council(models.Model):
    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        related_name="councils",
        verbose_name=_("body the council sits at"),
    )
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        verbose_name=_("region"),
    )
    term_starts_on = models.DateField(_("term starts on"))
    term_ends_on = models.DateField(_("term ends on"))
    about = models.TextField(_("about the council"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("published by"),
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("public council")
        verbose_name_plural = _("public councils")
        ordering = ["name_ru", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = " ".join(
            part.casefold() for part in (self.name_kk, self.name_ru, self.name_en) if part
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("councils:detail", args=[self.pk])

    def clean(self):
        # The services refuse an implausible term with the same words; this holds the admin to them too.
        super().clean()
        for name in ("term_starts_on", "term_ends_on"):
            day = getattr(self, name)
            if day is not None and not plausible(day):
                raise ValidationError(
                    {
                        name: _("Check the year: a council's term can run from %(first)s to %(last)s.")
                        % {"first": FIRST_YEAR, "last": last_year()}
                    }
                )

    @property
    def name(self) -> str:
        return _localised(self, "name")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class CouncilSecretary(models.Model):
    """A person who keeps one council's records: its members, meetings, minutes and documents."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="secretaries", verbose_name=_("council")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="council_secretaryships",
        verbose_name=_("person"),
    )
    appointed_at = models.DateTimeField(_("appointed at"), default=timezone.now)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointed by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council secretary")
        verbose_name_plural = _("council secretaries")
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="unique_council_secretary")]

    def __str__(self) -> str:
        return f"{self.user} — {self.council}"


class Committee(models.Model):
    """A permanent committee of a council."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="committees", verbose_name=_("council")
    )
    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("permanent committee")
        verbose_name_plural = _("permanent committees")
        ordering = ["name_ru", "pk"]
        # One name per language in a council, whatever the case; a name not written (a committee moved from one
        # text in one language, or no English name) is no clash.
        constraints = [
            models.UniqueConstraint(
                Lower(f"name_{code}"),
                "council",
                condition=~models.Q(**{f"name_{code}": ""}),
                name=f"unique_committee_name_{code}",
            )
            for code in NAME_LANGUAGES
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")


class Member(models.Model):
    """A seat held by a person for a time; a member who leaves keeps the row, with the date they left."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", pgettext_lazy("a member of a public council", "Member")

    class Represents(models.TextChoices):
        NGO = "ngo", _("A non-governmental organisation")
        CITIZEN = "citizen", _("Citizens")
        STATE = "state", _("A state body")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="members", verbose_name=_("council")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_seats",
        verbose_name=_("account on Azamat"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    represents = models.CharField(_("represents"), max_length=10, choices=Represents.choices)
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
        verbose_name=_("organisation"),
    )
    state_body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
        verbose_name=_("state body"),
    )
    position = models.CharField(_("position"), max_length=300, blank=True)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(_("reason for leaving"), max_length=300, blank=True)
    committees = models.ManyToManyField(
        Committee, related_name="members", blank=True, verbose_name=_("permanent committees")
    )
    history = HistoricalRecords(m2m_fields=[committees])

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_active(self) -> bool:
        return self.left_on is None


class Document(models.Model):
    """A council's regulations, plans, reports or a meeting's papers; private ones leave only through a checked
    view, public ones to anyone once the council is published."""

    class Kind(models.TextChoices):
        REGULATIONS = "regulations", _("Regulations")
        PLAN = "plan", _("Work plan")
        REPORT = "report", _("Report")
        MINUTES = "minutes", _("Minutes")
        MEETING = "meeting", _("Meeting material")
        OTHER = "other", _("Other document")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="documents", verbose_name=_("council")
    )
    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="councils/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    is_public = models.BooleanField(_("public"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council document")
        verbose_name_plural = _("council documents")
        ordering = ["-uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("councils:document", args=[self.pk])


class Meeting(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("council")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("link to join or watch online"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(
        _("minutes published at"), null=True, blank=True, editable=False
    )
    minutes_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("minutes published by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("cancelled by"),
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.council} — {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("councils:meeting", args=[self.council_id, self.pk])

    @property
    def status(self) -> str:
        """Computed from the facts: cancelled, upcoming, held, or minutes published."""
        if self.cancelled_at:
            return "cancelled"
        if self.minutes_published_at:
            return "minutes"
        return "upcoming" if self.starts_at > timezone.now() else "held"

    @property
    def status_label(self) -> str:
        return str(MEETING_STATUSES[self.status])


MEETING_STATUSES = {
    "cancelled": _("Cancelled"),
    "upcoming": _("Upcoming"),
    "held": _("Held, minutes not published yet"),
    "minutes": _("Minutes published"),
}


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("question"), max_length=500)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", pgettext_lazy("attendance of one member", "Present")
        ABSENT = "absent", pgettext_lazy("attendance of one member", "Absent")
        EXCUSED = "excused", _("Absent with a reason")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("member")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="unique_attendance")]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_status_display()}"


class Decision(models.Model):
    """What the council decided at a meeting; a recommendation to state bodies becomes one accountability item per
    body, linked back to this decision."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Recommendation to state bodies")
        APPROVED = "approved", _("Approved")
        NOTED = "noted", _("Taken into account")
        OTHER = "other", _("Other decision")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    position = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    addressees = models.ManyToManyField(
        "registry.GovernmentBody",
        related_name="council_decisions",
        blank=True,
        verbose_name=_("addressed to"),
    )
    due_on = models.DateField(_("answer due on"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        "Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_decisions",
        verbose_name=_("proposed by"),
        help_text=_("The member who proposed it: a recommendation counts among their KPIs."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[addressees])

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + f"#decision-{self.pk}"

    def acts_for_sender(self, user) -> bool:
        """Whether `user` acts for the council on the accountability items this decision sent (accountability asks
        an item's source who may act as its author): `permissions.can_act_for_council`."""
        from azamat.councils.permissions import can_act_for_council

        return bool(can_act_for_council(user, self.meeting.council))


# Sizes for each level when an administrator has not set a rule: central bodies and quasi-public entities from the
# law; the local levels' ranges are not confirmed. The state share defaults to at most one third.
DEFAULT_SIZES = {
    Level.CENTRAL: (15, 30),
    Level.REGIONAL: (15, 30),
    Level.REPUBLICAN_CITY: (15, 30),
    Level.CITY: (10, 20),
    Level.DISTRICT: (7, 15),
    Level.QUASI_PUBLIC: (10, 15),
}

from azamat.councils.candidate_models import *  # noqa: E402,F403
from azamat.councils.kpi_models import *  # noqa: E402,F403
from azamat.councils.proposal_models import *  # noqa: E402,F403
