"""People: accounts that sign in by email, and the platform roles granted to them."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # Set when the person signs in or switches the language; core.notifications writes their emails in it.
    language = models.CharField(
        _("language of emails"), max_length=5, choices=settings.LANGUAGES, blank=True, editable=False
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login", "language"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split() or [self.email])[0]

    def has_platform_role(self, *roles: str) -> bool:
        if not self.is_authenticated:
            return False
        cached = getattr(self, "_platform_roles", None)
        if cached is None:
            cached = set(self.platform_roles.values_list("role", flat=True))
            self._platform_roles = cached
        return bool(cached.intersection(roles))


class PlatformRole(models.Model):
    class Role(models.TextChoices):
        PLATFORM_ADMIN = "platform_admin", _("Platform administrator")
        GRANT_OPERATOR = "grant_operator", _("Grant operator staff")
        EXPERT = "expert", _("Independent expert")
        GOVERNMENT_OFFICER = "government_officer", _("Government body officer")
        COUNCIL_SECRETARY = "council_secretary", _("Council secretary")
        MONITOR = "monitor", _("Monitor")
        WORKING_GROUP = "working_group", _("NGO problems working group")
        PETITION_MODERATOR = "petition_moderator", _("Petition moderator")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="platform_roles", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        verbose_name=_("government body"),
        help_text=_("Required for a government body officer: the body they act for."),
    )
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("granted by")
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("platform role")
        verbose_name_plural = _("platform roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "body"], name="unique_platform_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.role == self.Role.GOVERNMENT_OFFICER and not self.body_id:
            raise ValidationError({"body": _("A government body officer must be attached to a body.")})
        if self.role != self.Role.GOVERNMENT_OFFICER and self.body_id:
            raise ValidationError({"body": _("Only a government body officer is attached to a body.")})


class ApiToken(models.Model):
    """A person's named API token: only its SHA-256 digest is kept, the plain key is shown once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("person")
    )
    name = models.CharField(_("name"), max_length=100)
    # A random 256-bit key needs no slow password hash: SHA-256 cannot be reversed or guessed.
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    # The first characters of the key, so its owner can tell tokens apart without the secret.
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user}: {self.name}"
