"""An item addressed to a government body and every fact of its fate. Its status is never stored: it follows
from these facts (`selectors.with_status` computes it in the query, `Item.status_on` for one record)."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.core.working_days import Counting


class DeadlineRule(models.Model):
    """How long a body has to answer an item of one kind, and what may stretch it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer"),
        null=True,
        blank=True,
        help_text=_("Empty when the sender sets the date (a council sets it for its recommendations)."),
    )
    working_days = models.BooleanField(_("counted in working days"), default=True)
    long_overdue_days = models.PositiveSmallIntegerField(
        _("long overdue after"), default=15, help_text=_("Days after the due date, counted the same way.")
    )
    extension_months = models.PositiveSmallIntegerField(
        _("longest extension, months from sending"),
        default=0,
        help_text=_("0: the deadline cannot be extended."),
    )
    extension_notice_days = models.PositiveSmallIntegerField(_("working days to tell the author"), default=3)
    forward_days = models.PositiveSmallIntegerField(
        _("working days to forward to the competent body"), default=3
    )
    remind_days = models.PositiveSmallIntegerField(_("remind this many days before the due date"), default=3)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "kk")[:2]
        return getattr(self, f"name_{language}", "") or self.name_ru


def attachment_path(instance, filename: str) -> str:
    return f"accountability/items/{instance.item_id}/{filename}"


class Item(models.Model):
    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Recommendation")
        DEMAND = "demand", _("Demand")
        PROPOSAL = "proposal", _("Proposal")
        APPEAL = "appeal", _("Appeal")

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTIAL = "partial", _("Partially accepted")
        REJECTED = "rejected", _("Rejected")
        FORWARDED = "forwarded", _("Forwarded to another body")

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting answer")
        OVERDUE = "overdue", _("Overdue")
        LONG_OVERDUE = "long_overdue", _("Long overdue")
        ANSWERED = "answered", _("Answered")
        IN_IMPLEMENTATION = "in_implementation", _("In implementation")
        IMPLEMENTATION_OVERDUE = "implementation_overdue", _("Implementation overdue")
        IMPLEMENTED = "implemented", _("Implemented")
        DISPUTED = "disputed", _("Disputed")
        REJECTED = "rejected", _("Rejected")
        FORWARDED = "forwarded", _("Forwarded")

    number = models.CharField(_("number"), max_length=20, unique=True, null=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    rule = models.ForeignKey(
        DeadlineRule, on_delete=models.PROTECT, related_name="items", verbose_name=_("rule")
    )
    source_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
    )
    source_id = models.PositiveBigIntegerField(_("source record"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), max_length=20000)
    justification = models.TextField(_("justification"), max_length=20000, blank=True)
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        related_name="accountability_items",
        verbose_name=_("addressee body"),
    )
    official = models.CharField(_("official"), max_length=200, blank=True)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accountability_items",
        verbose_name=_("author"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accountability_items",
        verbose_name=_("organisation"),
    )
    is_public = models.BooleanField(_("public"), default=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwarded_items",
        verbose_name=_("forwarded from"),
    )
    # Deadlines: computed once when sent, and kept; an extension adds its own dates beside them.
    sent_on = models.DateField(_("sent on"))
    due_on = models.DateField(_("answer due"))
    long_overdue_on = models.DateField(_("long overdue after"))
    counting = models.JSONField(_("how the deadline was counted"), default=dict, blank=True)
    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    extended_long_overdue_on = models.DateField(_("long overdue after the extension"), null=True, blank=True)
    # The answer.
    outcome = models.CharField(_("answer"), max_length=20, choices=Outcome.choices, blank=True)
    answer_text = models.TextField(_("answer text"), max_length=20000, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("accountability item")
        verbose_name_plural = _("accountability items")
        ordering = ["-sent_on", "-pk"]
        indexes = [
            models.Index(fields=["body", "sent_on"]),
            models.Index(fields=["region", "sent_on"]),
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["due_on"]),
            # Lists and the API read the newest first, a page at a time: without it every page sorts all items.
            models.Index(fields=["-sent_on", "-id"], name="acc_item_newest_first"),
        ]

    def __str__(self) -> str:
        return f"{self.number or ''} {self.title}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("accountability:item", args=[self.number])

    @property
    def current_due_on(self) -> datetime.date:
        return self.extended_to or self.due_on

    @property
    def current_long_overdue_on(self) -> datetime.date:
        return self.extended_long_overdue_on or self.long_overdue_on

    @property
    def deadline_counting(self) -> Counting | None:
        return Counting.from_data(self.counting) if self.counting else None

    @property
    def answered_late(self) -> bool:
        return bool(self.answered_on and self.answered_on > self.current_due_on)

    def status_on(self, today: datetime.date | None = None) -> str:
        """The status on `today` from the facts, as `selectors.with_status` computes it in the query."""
        today = today or timezone.localdate()
        if self.outcome == self.Outcome.FORWARDED:
            return self.Status.FORWARDED
        if self.outcome == self.Outcome.REJECTED:
            return self.Status.REJECTED
        if not self.outcome:
            if today > self.current_long_overdue_on:
                return self.Status.LONG_OVERDUE
            if today > self.current_due_on:
                return self.Status.OVERDUE
            return self.Status.AWAITING
        if self.disputes.filter(responded_at__isnull=True).exists():
            return self.Status.DISPUTED
        if self.implemented_on:
            return self.Status.IMPLEMENTED
        milestones = self.milestones.all()
        if any(m.done_on is None and m.due_on < today for m in milestones):
            return self.Status.IMPLEMENTATION_OVERDUE
        if milestones:
            return self.Status.IN_IMPLEMENTATION
        return self.Status.ANSWERED

    @property
    def status(self) -> str:
        """The annotated status when the item came from `with_status`, else computed now."""
        annotated = self.__dict__.get("computed_status")
        return annotated if annotated else self.status_on()

    @property
    def status_label(self) -> str:
        return str(self.Status(self.status).label)


class ItemAttachment(models.Model):
    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("item")
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Extension(models.Model):
    """A reasoned decision extending the answer deadline: an event beside the original date, never over it."""

    item = models.OneToOneField(
        Item, on_delete=models.CASCADE, related_name="extension", verbose_name=_("item")
    )
    decided_on = models.DateField(_("decided on"))
    new_due_on = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"), max_length=5000)
    notice_due_on = models.DateField(_("author to be told by"))
    notified_at = models.DateTimeField(_("author told at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.item} → {self.new_due_on}"


class Milestone(models.Model):
    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("item")
    )
    title = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Evidence(models.Model):
    """What shows a milestone (or the whole item) was carried out: text, a link, a document."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("item"))
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    text = models.TextField(_("what was done"), max_length=5000)
    link = models.URLField(_("link"), blank=True)
    file = models.FileField(_("document"), upload_to=attachment_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Dispute(models.Model):
    """The author's claim that the item was not carried out, and the body's answer to it."""

    class Response(models.TextChoices):
        REOPENED = "reopened", _("Agreed: implementation continues")
        MAINTAINED = "maintained", _("Maintained: the item was carried out")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="disputes", verbose_name=_("item"))
    reasons = models.TextField(_("reasons"), max_length=5000)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    response = models.CharField(_("response"), max_length=20, choices=Response.choices, blank=True)
    response_text = models.TextField(_("the body's answer"), max_length=5000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["opened_at", "pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.reasons[:60]}"


class Follow(models.Model):
    """Someone following a body, a region or one item: email on "overdue" and "answered"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("person")
    )
    body = models.ForeignKey(
        "registry.GovernmentBody", on_delete=models.CASCADE, null=True, blank=True, related_name="followers"
    )
    region = models.ForeignKey(
        "registry.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, null=True, blank=True, related_name="followers")
    created_at = models.DateTimeField(_("since"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(body__isnull=False, region__isnull=True, item__isnull=True)
                    | models.Q(body__isnull=True, region__isnull=False, item__isnull=True)
                    | models.Q(body__isnull=True, region__isnull=True, item__isnull=False)
                ),
                name="follow_one_thing",
            ),
            models.UniqueConstraint(fields=["user", "body"], name="follow_body_once"),
            models.UniqueConstraint(fields=["user", "region"], name="follow_region_once"),
            models.UniqueConstraint(fields=["user", "item"], name="follow_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.body or self.region or self.item}"
