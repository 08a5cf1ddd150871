"""Error codes of the registry, each with the message a person sees."""

from django.utils.translation import gettext_lazy as _

DUPLICATE_BIN = "duplicate_bin"
BIN_IS_IIN = "bin_is_iin"
ALREADY_MEMBER = "already_member"
LAST_ADMIN = "last_admin"
LOGO_TOO_LARGE = "logo_too_large"
LOGO_NOT_IMAGE = "logo_not_image"
NOT_ALLOWED = "not_allowed"
REGISTERED_IN_FUTURE = "registered_in_future"
EDITED_MEANWHILE = "edited_meanwhile"

MESSAGES = {
    DUPLICATE_BIN: _(
        "An organisation with this BIN is already registered on Azamat. Ask to join it instead."
    ),
    BIN_IS_IIN: _(
        "This is a person's IIN, not an organisation's BIN: the fifth digit of a BIN is 4, 5 or 6. "
        "Enter the BIN from the organisation's registration certificate."
    ),
    ALREADY_MEMBER: _("You are already a member of this organisation or have asked to join it."),
    LAST_ADMIN: _("An organisation must keep at least one administrator."),
    LOGO_TOO_LARGE: _("The logo is too large: at most %(limit)s MB."),
    LOGO_NOT_IMAGE: _("The logo must be a PNG, JPEG or WebP image."),
    NOT_ALLOWED: _("You are not allowed to do this."),
    REGISTERED_IN_FUTURE: _("The registration date cannot be in the future."),
    EDITED_MEANWHILE: _(
        "Someone else saved this profile after you opened it, so your changes are not saved. What you typed is "
        "below; check the profile in another tab and save again to keep yours."
    ),
}
