"""Error codes of the registry, each with the message a person sees."""

from django.utils.translation import gettext_lazy as _

DUPLICATE_BIN = "duplicate_bin"
ALREADY_MEMBER = "already_member"
LAST_ADMIN = "last_admin"
LOGO_TOO_LARGE = "logo_too_large"
LOGO_NOT_IMAGE = "logo_not_image"
NOT_ALLOWED = "not_allowed"
REGISTERED_IN_FUTURE = "registered_in_future"

MESSAGES = {
    DUPLICATE_BIN: _(
        "An organisation with this BIN is already registered on Azamat. Ask to join it instead."
    ),
    ALREADY_MEMBER: _("You are already a member of this organisation or have asked to join it."),
    LAST_ADMIN: _("An organisation must keep at least one administrator."),
    LOGO_TOO_LARGE: _("The logo is too large: at most %(limit)s MB."),
    LOGO_NOT_IMAGE: _("The logo must be a PNG, JPEG or WebP image."),
    NOT_ALLOWED: _("You are not allowed to do this."),
    REGISTERED_IN_FUTURE: _("The registration date cannot be in the future."),
}
