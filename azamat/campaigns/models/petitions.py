"""Petitions and their signatures, built for bursts: a signature is one small insert, confirmed by one small
update that stamps `confirmed_at`. Nothing touches the petition's row per signature: the counting job
(`counting.count_signatures`, one at a time under a PostgreSQL advisory lock) adds the signatures confirmed in a
window that lags a little behind now, moves `Tally.counted_until`, and stamps the thresholds reached; a nightly
`reconcile` sets each count from the rows."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.core.sealed import SealedTextField
from azamat.core.stemming import index_text

NATIONAL_GOAL = 50_000  # the goal of a state petition (Law on petitions)
LISTING_THRESHOLD = (
    50  # a petition is listed publicly once it has this many signatures (or its goal, if lower)
)


class Petition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        MODERATION = "moderation", _("Awaiting moderation")
        REJECTED = "rejected", _("Rejected by moderators")
        OPEN = "open", _("Open for signatures")
        CLOSED = "closed", _("Closed")
        SENT = "sent", _("Sent to the addressee")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("campaign"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("author")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=10000)
    demands = models.TextField(
        _("demands"), max_length=5000, help_text=_("What the addressee is asked to do.")
    )
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name=_("addressee"),
    )
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty for a national petition."),
    )
    goal = models.PositiveIntegerField(
        _("signature goal"), default=NATIONAL_GOAL, validators=[MinValueValidator(1)]
    )
    closes_on = models.DateField(_("closes on"))
    languages = models.JSONField(_("languages"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderation_reason = models.TextField(_("moderator's reason"), max_length=3000, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Kept by the counting job only (never +1 per signature).
    signature_count = models.PositiveIntegerField(_("signatures counted"), default=0)
    listed_at = models.DateTimeField(_("listed publicly"), null=True, blank=True)
    goal_reached_at = models.DateTimeField(_("goal reached"), null=True, blank=True)
    item = models.OneToOneField(
        "accountability.Item",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petition",
        verbose_name=_("accountability item"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The stems of its title, text and demands (core.stemming.index_text), kept by save(): the list's search by
    # word forms («пандусов» finds «Пандусы»), trigram-indexed on PostgreSQL (migration 0004).
    search_stems = models.TextField(editable=False, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["signature_count", "search_stems"])
    DERIVED_FIELDS = ("search_stems",)  # written by save()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "listed_at"])]
        constraints = [models.CheckConstraint(condition=models.Q(goal__gte=1), name="petition_goal_positive")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.fill_derived()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.DERIVED_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("campaigns:petition", args=[self.pk])

    def fill_derived(self) -> None:
        """What search reads, from its texts (bulk_create skips save: call it first)."""
        self.search_stems = index_text(self.title, self.text, self.demands)

    @property
    def listing_threshold(self) -> int:
        return min(LISTING_THRESHOLD, self.goal)

    @property
    def progress(self) -> int:
        """Per cent of the goal, 0–100."""
        return min(100, self.signature_count * 100 // self.goal) if self.goal else 0

    @property
    def share_of_goal(self) -> int:
        """Per cent of the goal as the page says it, past 100 once the goal is passed (817 of 653: 125 per cent,
        where the bar, `progress`, stays full)."""
        return self.signature_count * 100 // self.goal if self.goal else 0


class Invalidation(models.Model):
    """Moderators struck out these signatures as fraudulent, with a reason (the signatures point here)."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="invalidations", verbose_name=_("petition")
    )
    reason = models.TextField(_("reason"), max_length=3000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("moderator")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    count = models.PositiveIntegerField(_("signatures struck out"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invalidation of signatures")
        verbose_name_plural = _("invalidations of signatures")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.count}"


class Signature(models.Model):
    """One person's signature. The email is sealed; `email_key` (a keyed digest of the canonical email) makes one
    signature per person per petition a database constraint. Counted once `confirmed_at` is set and it is not
    invalidated."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("petition")
    )
    name = models.CharField(_("name"), max_length=200)
    email = SealedTextField(_("email"))
    email_key = models.CharField(_("email key"), max_length=64, editable=False)
    # The email's domain alone (not the address), so moderators strike out a fraudulent batch by domain in SQL.
    email_domain = models.CharField(
        _("email domain"), max_length=255, blank=True, db_default="", editable=False
    )
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    show_name = models.BooleanField(_("show my name publicly"), default=False)
    wants_updates = models.BooleanField(_("email me the addressee's answer"), default=True)
    language = models.CharField(_("language"), max_length=5, default="kk")
    ip_key = models.CharField(_("address key"), max_length=16, blank=True, editable=False)
    created_at = models.DateTimeField(_("signed"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    invalidation = models.ForeignKey(
        Invalidation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("struck out"),
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["petition", "email_key"], name="one_signature_per_email")
        ]
        indexes = [
            models.Index(fields=["confirmed_at"], name="signature_confirmed"),
            models.Index(fields=["petition", "confirmed_at"], name="signature_petition_confirmed"),
            # A signed-in person's own signatures, found by her verified address's key (petition_selectors).
            models.Index(fields=["email_key"], name="signature_email_key"),
            # The moderators' sources (petition_selectors.source_groups) and striking them out (counting.invalidate):
            # the signatures not struck out, by source, with their confirmation stamp, read from the index alone (a key
            # column, not INCLUDE, which SQLite lacks).
            models.Index(
                fields=["petition", "email_domain", "confirmed_at"],
                condition=models.Q(invalidation__isnull=True),
                name="signature_source_domain",
            ),
            models.Index(
                fields=["petition", "ip_key", "confirmed_at"],
                condition=models.Q(invalidation__isnull=True),
                name="signature_source_address",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def counts(self) -> bool:
        return self.confirmed_at is not None and self.invalidation_id is None


class Threshold(models.Model):
    """When a petition reached a number of signatures (listing, each quarter of the goal, the goal)."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="thresholds", verbose_name=_("petition")
    )
    signatures = models.PositiveIntegerField(_("signatures"))
    reached_at = models.DateTimeField(_("reached"))

    class Meta:
        verbose_name = _("threshold reached")
        verbose_name_plural = _("thresholds reached")
        ordering = ["petition", "signatures"]
        constraints = [models.UniqueConstraint(fields=["petition", "signatures"], name="threshold_once")]

    def __str__(self) -> str:
        return f"{self.signatures}"


class Tally(models.Model):
    """How far the counting job has counted: confirmations up to `counted_until` are in the petitions' counts."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    counted_until = models.DateTimeField(_("counted until"))
    runs = models.PositiveBigIntegerField(_("runs"), default=0)

    class Meta:
        verbose_name = _("signature tally")
        verbose_name_plural = _("signature tallies")

    def __str__(self) -> str:
        return self.key
