"""Publication: redaction rules of the organisation, applied when a verified record is published; the public
pages read only the published, redacted copies (the originals stay untouched and private)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PublicationPolicy(models.Model):
    """How precise published places and dates are (per field); names are hidden unless consent is recorded."""

    class Place(models.TextChoices):
        SETTLEMENT = "settlement", _("The settlement")
        REGION = "region", _("The region only")
        COUNTRY = "country", _("Kazakhstan only")

    class Date(models.TextChoices):
        DAY = "day", _("The exact date")
        MONTH = "month", _("The month")
        YEAR = "year", _("The year")

    organisation = models.OneToOneField(
        "registry.Organisation",
        on_delete=models.CASCADE,
        related_name="publication_policy",
        verbose_name=_("organisation"),
    )
    place = models.CharField(
        _("places published to"), max_length=10, choices=Place.choices, default=Place.REGION
    )
    date = models.CharField(_("dates published to"), max_length=5, choices=Date.choices, default=Date.MONTH)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication policy")
        verbose_name_plural = _("publication policies")

    def __str__(self) -> str:
        return f"#{self.pk}"


class RedactionRule(models.Model):
    """A text redaction: every occurrence of `find` in published text becomes `replace_with`."""

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    find = models.CharField(_("text to hide"), max_length=200)
    replace_with = models.CharField(_("shown instead"), max_length=200, default="[…]")
    comment = models.CharField(_("why"), max_length=500)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("editor"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "pk"]
        verbose_name = _("redaction rule")
        verbose_name_plural = _("redaction rules")

    def __str__(self) -> str:
        return f"#{self.pk}"


class PublishedEvent(models.Model):
    """The public, redacted copy of a verified event."""

    event = models.OneToOneField(
        "monitoring.Event", on_delete=models.CASCADE, related_name="published", verbose_name=_("event")
    )
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("what happened"), max_length=20000)
    type = models.ForeignKey(
        "monitoring.Term", on_delete=models.PROTECT, related_name="+", verbose_name=_("type")
    )
    acts = models.CharField(_("acts"), max_length=1000, blank=True)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    date_shown = models.CharField(_("date"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    victims = models.PositiveIntegerField(_("victims"), default=0)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-month", "-pk"]
        indexes = [models.Index(fields=["region", "type", "year"]), models.Index(fields=["-published_at"])]
        verbose_name = _("published event")
        verbose_name_plural = _("published events")

    def __str__(self) -> str:
        return self.number


class PublishedEntry(models.Model):
    """A listed person as the public list shows them: the name only with consent recorded."""

    candidate = models.OneToOneField(
        "monitoring.Candidate",
        on_delete=models.CASCADE,
        related_name="published",
        verbose_name=_("candidate"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    shown_name = models.CharField(_("name"), max_length=300)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    occupation = models.CharField(_("occupation"), max_length=12, blank=True)
    ground = models.CharField(_("ground"), max_length=10, blank=True)
    grounds = models.TextField(_("grounds"), max_length=5000, blank=True)
    situation = models.CharField(_("situation"), max_length=10)
    listed_on = models.DateField(_("listed"))
    criteria_version = models.PositiveSmallIntegerField(_("criteria version"))
    published_at = models.DateTimeField(_("published"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-listed_on", "pk"]
        verbose_name = _("entry of the public list")
        verbose_name_plural = _("entries of the public list")

    def __str__(self) -> str:
        return self.shown_name
