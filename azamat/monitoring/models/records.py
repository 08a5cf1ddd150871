"""The record, after HURIDOCS' Events Standard Formats — who did what to whom: an event is made of acts, each
with its victim and the perpetrators involved; persons with their biographic details; the sources of the
information with their reliability; the interventions made. Whatever can identify a victim, witness or source
is a VaultField (encrypted, keys outside the database); searching by name or by the title's words goes through
the keyed `search_index`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from azamat.core.vault import VaultField, blind_tokens


class Person(models.Model):
    """A victim, witness, perpetrator or source. Only the organisation's people with a role see them; the public
    never sees a name without the consent recorded."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        UNKNOWN = "", _("Not known")

    class Occupation(models.TextChoices):
        ACTIVIST = "activist", _("Civic activist")
        JOURNALIST = "journalist", _("Journalist or blogger")
        LAWYER = "lawyer", _("Lawyer or human-rights defender")
        BELIEVER = "believer", _("Believer")
        POLITICIAN = "politician", _("Politician")
        OFFICIAL = "official", _("Official")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    name = VaultField(_("full name"))
    other_names = VaultField(_("other names and spellings"))
    birth_date = VaultField(_("date of birth"))
    phone = VaultField(_("phone"))
    address = VaultField(_("address"))
    notes = VaultField(_("notes"))
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, blank=True, default="")
    occupation = models.CharField(_("occupation"), max_length=12, choices=Occupation.choices, blank=True)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    consent_to_publish = models.BooleanField(
        _("consents to the name being published"),
        default=False,
        help_text=_("Only with the person's recorded consent is the name shown in public lists and reports."),
    )
    consent_note = VaultField(_("how and when consent was given"))
    public_alias = models.CharField(
        _("public description"),
        max_length=200,
        blank=True,
        help_text=_("What public lists show instead of the name, e.g. “a journalist from Atyrau”."),
    )
    search_index = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_index"])

    class Meta:
        ordering = ["pk"]
        # Not the msgid "person" of the accounts' user (Russian «пользователь»): someone the record is about.
        verbose_name = pgettext_lazy("a person in a monitoring record", "person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return f"#{self.pk}"

    def save(self, *args, **kwargs):
        # The blind index of the names: searching "Ахметов" finds the person without the column holding it.
        self.search_index = blind_tokens(self.name, self.other_names)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_index"}
        super().save(*args, **kwargs)

    def public_name(self) -> str:
        return self.name if self.consent_to_publish else self.public_alias


class Event(models.Model):
    """What happened, when (exact or estimated) and where (down to the settlement, by KATO)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        VERIFYING = "verifying", _("Under verification")
        VERIFIED = "verified", _("Verified")
        NOT_CONFIRMED = "not_confirmed", _("Not confirmed")
        REJECTED = "rejected", _("Rejected")

    class Precision(models.TextChoices):
        DAY = "day", _("Exact date")
        MONTH = "month", _("Month known")
        YEAR = "year", _("Year known")

    class Reliability(models.TextChoices):
        HIGH = "high", _("High: confirmed by independent sources")
        MEDIUM = "medium", _("Medium: one reliable source")
        LOW = "low", _("Low: unconfirmed")

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="monitoring_events",
        verbose_name=_("organisation"),
    )
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, editable=False)
    title = VaultField(_("title"))
    description = VaultField(_("what happened"))
    type = models.ForeignKey(
        "monitoring.Term",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "event_type"},
        verbose_name=_("type"),
    )
    rights = models.ManyToManyField(
        "monitoring.Term",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "right"},
        verbose_name=_("rights violated"),
    )
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date known to"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    date_end = models.DateField(_("until"), null=True, blank=True)
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    settlement_kato = models.CharField(_("settlement (KATO)"), max_length=9, blank=True)
    place = VaultField(_("place: address or landmark"))
    polling_station = models.CharField(
        _("polling station"),
        max_length=20,
        blank=True,
        help_text=_("For an election day: the station's number."),
    )
    election = models.ForeignKey(
        "monitoring.Election",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("observed election"),
    )
    station = models.ForeignKey(
        "monitoring.PollingStation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("observed polling station"),
    )
    status = models.CharField(
        _("verification"), max_length=14, choices=Status.choices, default=Status.RECEIVED
    )
    reliability = models.CharField(_("reliability"), max_length=6, choices=Reliability.choices, blank=True)
    verification_note = VaultField(_("verification note"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Only the people named below (and who entered it) read it."),
    )
    readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("shared with")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    search_index = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_index"], m2m_fields=[rights, readers])

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status", "-date"]),
            models.Index(fields=["region", "type", "date"]),
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def save(self, *args, **kwargs):
        self.search_index = blind_tokens(self.title)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_index"}
        super().save(*args, **kwargs)
        if not self.number:
            # Unique without a counter to race on: the year it happened and the row.
            self.number = f"M-{self.date.year}-{self.pk:06d}"
            type(self).objects.filter(pk=self.pk).update(number=self.number)


class Act(models.Model):
    """One act of an event (an arrest, a fine, a beating, a blocking) with its victim."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="acts", verbose_name=_("event"))
    type = models.ForeignKey(
        "monitoring.Term",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "act_type"},
        verbose_name=_("act"),
    )
    victim = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acts_suffered",
        verbose_name=_("victim"),
    )
    victim_group = models.CharField(
        _("or a group of victims"), max_length=200, blank=True, help_text=_("E.g. “about 40 participants”.")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    description = VaultField(_("description"))
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("act")
        verbose_name_plural = _("acts")

    def __str__(self) -> str:
        return str(self.type)


class Involvement(models.Model):
    """A perpetrator's part in an act: a person or a state body, and the role they played."""

    class Role(models.TextChoices):
        ORDERED = "ordered", _("Ordered it")
        CARRIED_OUT = "carried_out", _("Carried it out")
        FAILED = "failed", _("Failed to prevent it")

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="involvements", verbose_name=_("act"))
    perpetrator = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("a person in a monitoring record", "person"),
    )
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("state body"),
    )
    description = VaultField(_("who, as far as known"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["act", "pk"]
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Source(models.Model):
    """Where the information came from, with how reliable it is. An event is verified only from its sources."""

    class Kind(models.TextChoices):
        VICTIM = "victim", _("The victim")
        WITNESS = "witness", _("A witness")
        MONITOR = "monitor", _("Our monitor on the spot")
        MEDIA = "media", _("Media or social networks")
        DOCUMENT = "document", _("A document (court ruling, protocol)")
        OFFICIAL = "official", _("An official statement")
        OTHER = "other", _("Other")

    class Reliability(models.TextChoices):
        RELIABLE = "a", _("A — reliable")
        USUALLY = "b", _("B — usually reliable")
        FAIRLY = "c", _("C — fairly reliable")
        UNRELIABLE = "d", _("D — not usually reliable")
        UNKNOWN = "e", _("E — cannot be judged")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sources", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("informant")
    )
    reliability = models.CharField(_("reliability"), max_length=1, choices=Reliability.choices)
    received_on = models.DateField(_("received"))
    account = VaultField(_("what the source says"))
    reference = VaultField(_("link or document reference"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "received_on", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.get_kind_display()


class Intervention(models.Model):
    """What was done about it: a complaint, an appeal, a lawyer's visit, a letter to the ombudsman. One made to a
    state body is also an accountability item, with its deadline in working days."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        APPEAL = "appeal", _("Appeal")
        VISIT = "visit", _("Lawyer's visit")
        OMBUDSMAN = "ombudsman", _("Letter to the ombudsman")
        UN = "un", _("Communication to the UN")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name=_("event"),
    )
    case = models.ForeignKey(
        "monitoring.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name=_("case"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to the body"),
    )
    sent_on = models.DateField(_("sent"))
    summary = models.CharField(
        _("subject"), max_length=300, help_text=_("Shown on the accountability item: no names of persons.")
    )
    text = VaultField(_("text"))
    outcome = VaultField(_("outcome"))
    item = models.OneToOneField(
        "accountability.Item",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accountability item"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self) -> str:
        return self.summary


class Attachment(models.Model):
    """A photo, video or document, stored encrypted (the file on disk is a vault token); images lose their
    metadata (GPS, device) on upload unless the monitor keeps it on purpose."""

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("event"),
    )
    case = models.ForeignKey(
        "monitoring.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("case"),
    )
    candidate = models.ForeignKey(
        "monitoring.Candidate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("candidate"),
    )
    stored_name = models.CharField(max_length=100, editable=False)
    original_name = VaultField(_("file name"))
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size, bytes"), default=0)
    metadata_kept = models.BooleanField(_("metadata kept on purpose"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"#{self.pk}"
