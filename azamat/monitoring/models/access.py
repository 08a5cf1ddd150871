"""Who works on an organisation's monitoring (roles), the thesauri its records use, and the log of reads."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Term(models.Model):
    """A thesaurus entry (an event type, an act type, a right violated), named in Kazakh, Russian and English,
    with its references to the Constitution and the international covenants. Managed by the platform's
    administrators; a term in use is retired (inactive), never deleted."""

    class Kind(models.TextChoices):
        EVENT_TYPE = "event_type", _("Event type")
        ACT_TYPE = "act_type", _("Act type")
        RIGHT = "right", _("Right violated")

    kind = models.CharField(_("thesaurus"), max_length=12, choices=Kind.choices)
    code = models.SlugField(_("code"), max_length=40)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    # The references as each language writes them ("32-бап", "ст. 32", "art. 32"); `reference` reads the page's.
    reference_kk = models.CharField(
        _("legal references in Kazakh"), max_length=500, blank=True, help_text=_("E.g. Конституция, 32-бап.")
    )
    reference_ru = models.CharField(
        _("legal references in Russian"), max_length=500, blank=True, help_text=_("E.g. Конституция, ст. 32.")
    )
    reference_en = models.CharField(
        _("legal references in English"),
        max_length=500,
        blank=True,
        help_text=_("E.g. Constitution, art. 32."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="monitoring_term_unique_code")]
        verbose_name = _("thesaurus term")
        verbose_name_plural = _("thesaurus terms")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "ru")[:2]
        return getattr(self, f"name_{language}", "") or self.name_ru

    @property
    def reference(self) -> str:
        """The references in the page's language, else in another (a term an administrator added in one)."""
        language = (get_language() or "ru")[:2]
        return (
            getattr(self, f"reference_{language}", "")
            or self.reference_ru
            or self.reference_kk
            or self.reference_en
        )


class MonitoringRole(models.Model):
    """A person's role in an organisation's monitoring. Monitors document; verifiers verify; the expert group
    decides on the list of persecuted persons; lawyers handle the cases they are named on. The organisation's
    administrators grant the roles and read the log of reads (they need a role to read the records)."""

    class Role(models.TextChoices):
        MONITOR = "monitor", _("Monitor")
        VERIFIER = "verifier", _("Verifier")
        EXPERT = "expert", _("Member of the expert group")
        LAWYER = "lawyer", _("Lawyer")

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.CASCADE,
        related_name="monitoring_roles",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="monitoring_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user", "role"], name="monitoring_role_once")
        ]
        verbose_name = _("monitoring role")
        verbose_name_plural = _("monitoring roles")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class ReadLog(models.Model):
    """One read of sensitive data: who opened, exported, downloaded or searched what, when. Written by the views
    that show it (monitoring.audit.read), never changed; the organisation's administrators read it."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        EDIT = "edit", _("Opened to edit")
        EXPORT = "export", _("Exported")
        DOWNLOAD = "download", _("Downloaded a file")
        SEARCH = "search", _("Searched by name")
        REFUSED = "refused", _("Refused")

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("person"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    record_type = models.CharField(_("record"), max_length=40)
    record_id = models.PositiveBigIntegerField(_("record number"), null=True, blank=True)
    # What was read, named without the secret itself: "event M-2026-000123", "person #45", "2 results".
    what = models.CharField(_("what"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["record_type", "record_id"]),
        ]
        verbose_name = _("read of sensitive data")
        verbose_name_plural = _("reads of sensitive data")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.record_type} {self.record_id}"
