"""The registry: regions (KATO), government bodies, areas of activity, organisations and their people."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.core.bin import validate_bin
from azamat.core.stemming import index_text
from azamat.registry.name_order import name_key, name_orders

ABOUT_LANGUAGES = ("kk", "ru", "en")
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def text_language(text: str) -> str:
    """kk for text with letters only Kazakh has, ru for other Cyrillic, en otherwise: where an "about" goes."""
    if any(ch in KAZAKH_LETTERS for ch in text):
        return "kk"
    if any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text):
        return "ru"
    return "en"


NAME_FIELDS = ("name_kk", "name_ru", "name_en")  # what `.name` reads (`_localised`): to read no other column


def _localised(obj, field: str) -> str:
    """The kk/ru/en variant of a field for the active language, falling back to Russian then Kazakh."""
    lang = (get_language() or "kk")[:2]
    for code in (lang, "ru", "kk", "en"):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


class Region(models.Model):
    """A top-level unit of the KATO classifier: a region or a city of republican significance."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        CITY = "city", _("City of republican significance")

    kato = models.CharField(_("KATO code"), max_length=9, unique=True)
    name_kk = models.CharField(_("name in Kazakh"), max_length=120)
    name_ru = models.CharField(_("name in Russian"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REGION)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kato"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")

    @property
    def iso_code(self) -> str:
        return f"KZ-{self.kato[:2]}"


class GovernmentBody(models.Model):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        COMMITTEE = "committee", _("Committee")
        AGENCY = "agency", _("Agency")
        AKIMAT = "akimat", _("Akimat")
        MASLIKHAT = "maslikhat", _("Maslikhat")
        QUASI_PUBLIC = "quasi_public", _("Quasi-public company")
        OTHER = "other", _("Other state body")

    class Level(models.TextChoices):
        REPUBLICAN = "republican", _("Republican")
        REGIONAL = "regional", _("Regional")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.REPUBLICAN)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("region"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent body"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    # Its place in an alphabetical list in each language (name_order.py), as an organisation's: the bodies' page
    # is ordered and paged by the database.
    name_order_kk = models.TextField(editable=False, blank=True, default="")
    name_order_ru = models.TextField(editable=False, blank=True, default="")
    name_order_en = models.TextField(editable=False, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["name_order_kk", "name_order_ru", "name_order_en"])
    DERIVED_FIELDS = ("name_order_kk", "name_order_ru", "name_order_en")  # written by save()

    class Meta:
        verbose_name = _("government body")
        verbose_name_plural = _("government bodies")
        ordering = ["level", "name_ru"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.fill_derived()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.DERIVED_FIELDS}
        super().save(*args, **kwargs)

    def fill_derived(self) -> None:
        """Its places in the languages' alphabetical lists, from its names (bulk_create skips save: call it first)."""
        for field, order in name_orders(self.name_kk, self.name_ru, self.name_en).items():
            setattr(self, field, order)

    @property
    def name(self) -> str:
        return _localised(self, "name")


class ActivityArea(models.Model):
    """A managed taxonomy of what organisations work on."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_kk = models.CharField(_("name in Kazakh"), max_length=120)
    name_ru = models.CharField(_("name in Russian"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area of activity")
        verbose_name_plural = _("areas of activity")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")


class LegalForm(models.TextChoices):
    PUBLIC_ASSOCIATION = "public_association", _("Public association")
    PUBLIC_FOUNDATION = "public_foundation", _("Public foundation")
    ALE = "ale", _("Association of legal entities")
    PRIVATE_INSTITUTION = "private_institution", _("Private institution")
    RELIGIOUS_ASSOCIATION = "religious_association", _("Religious association")
    NON_PROFIT_JSC = "non_profit_jsc", _("Non-profit joint-stock company")
    CONSUMER_COOPERATIVE = "consumer_cooperative", _("Consumer cooperative")
    OTHER = "other", _("Other non-commercial form")


def logo_path(instance, filename: str) -> str:
    return f"logos/{instance.bin}/{timezone.now():%Y%m%d%H%M%S}.{filename.rsplit('.', 1)[-1].lower()}"


class Organisation(models.Model):
    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    bin = models.CharField(_("BIN"), max_length=12, unique=True, validators=[validate_bin])
    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices)
    registered_on = models.DateField(_("registration date"))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    areas = models.ManyToManyField(
        ActivityArea, related_name="organisations", blank=True, verbose_name=_("areas of activity")
    )
    # "About the organisation" in each language it is written in; the profile shows the reader's language first.
    about_kk = models.TextField(_("about the organisation, in Kazakh"), blank=True)
    about_ru = models.TextField(_("about the organisation, in Russian"), blank=True)
    about_en = models.TextField(_("about the organisation, in English"), blank=True)
    staff_count = models.PositiveIntegerField(_("staff"), default=0, validators=[MinValueValidator(0)])
    volunteer_count = models.PositiveIntegerField(_("volunteers"), default=0)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    is_alliance = models.BooleanField(
        _("alliance or network"),
        default=False,
        help_text=_("Other organisations can be its members or branches."),
    )
    search_text = models.TextField(editable=False, default="")
    # Stems of the same words (core.stemming.index_text), for search by word forms: «балалар» → «бала».
    search_stems = models.TextField(editable=False, blank=True, default="")
    # Its place in an alphabetical list of Kazakh and of Russian names (name_order.py): the directory's order.
    name_order_kk = models.TextField(editable=False, blank=True, default="")
    name_order_ru = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["search_text", "search_stems", "name_order_kk", "name_order_ru"], m2m_fields=[areas]
    )
    DERIVED_FIELDS = ("search_text", "search_stems", "name_order_kk", "name_order_ru")  # written by save()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_ru"]
        indexes = [
            models.Index(fields=["legal_form"]),
            models.Index(fields=["name_ru", "id"], name="registry_org_name_id"),
            models.Index(fields=["region", "name_ru", "id"], name="registry_org_region_name_id"),
            models.Index(
                fields=["is_alliance"], name="registry_org_alliance", condition=models.Q(is_alliance=True)
            ),
            models.Index(fields=["name_order_kk", "id"], name="registry_org_order_kk"),
            models.Index(fields=["name_order_ru", "id"], name="registry_org_order_ru"),
            models.Index(fields=["region", "name_order_kk", "id"], name="registry_org_region_order_kk"),
            models.Index(fields=["region", "name_order_ru", "id"], name="registry_org_region_order_ru"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.fill_derived()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.DERIVED_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("registry:organisation", kwargs={"bin": self.bin})

    @property
    def name(self) -> str:
        return _localised(self, "name")

    def about_texts(self) -> list[tuple[str, str]]:
        """(language code, text) of every "about" written, the reader's language first, then kk, ru, en."""
        lang = (get_language() or "kk")[:2]
        order = [lang] + [code for code in ABOUT_LANGUAGES if code != lang]
        return [
            (code, getattr(self, f"about_{code}")) for code in order if getattr(self, f"about_{code}", "")
        ]

    def fill_derived(self) -> None:
        """What search and the directory's order read, from the names (bulk_create skips save: call it first)."""
        self.search_text = self.build_search_text()
        self.search_stems = self.build_search_stems()
        self.name_order_kk = name_key(self.name_kk or self.name_ru, "kk")
        self.name_order_ru = name_key(self.name_ru or self.name_kk, "ru")

    def build_search_text(self) -> str:
        parts = [self.name_kk, self.name_ru, self.short_name, self.bin, self.address]
        return " ".join(p for p in parts if p).casefold()

    def build_search_stems(self) -> str:
        return index_text(self.name_kk, self.name_ru, self.short_name, self.address)


class AllianceMembership(models.Model):
    """An organisation's place in an alliance or network: a member, or a regional branch."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("Member")
        BRANCH = "branch", _("Regional branch")

    alliance = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="alliance_members", verbose_name=_("alliance")
    )
    member = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="alliance_memberships", verbose_name=_("member")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alliance membership")
        verbose_name_plural = _("alliance memberships")
        constraints = [models.UniqueConstraint(fields=["alliance", "member"], name="unique_alliance_member")]

    def __str__(self) -> str:
        return f"{self.member} → {self.alliance}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.alliance_id and self.alliance_id == self.member_id:
            raise ValidationError(_("An organisation cannot be a member of itself."))
        if self.alliance_id and not self.alliance.is_alliance:
            raise ValidationError({"alliance": _("Only an alliance or network can have members.")})


class Membership(models.Model):
    """A person's place in an organisation; the first to register it becomes its administrator."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Asked to join")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    position = models.CharField(pgettext_lazy("job title", "position"), max_length=120, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class Invitation(models.Model):
    """An administrator's invitation to a person, by email address, to join the organisation in a role: the person
    answers it once signed in with that address, so it reaches someone without an account too. Answered or
    withdrawn, it is deleted (its history keeps it)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["organisation", "email"], name="unique_invitation")]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


from azamat.registry.document_models import *  # noqa: E402,F403
from azamat.registry.report_models import *  # noqa: E402,F403
