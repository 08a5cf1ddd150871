"""Error codes of the registry, each with the message a person sees."""

from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError

DUPLICATE_BIN = "duplicate_bin"
DUPLICATE_BIN_MINE = "duplicate_bin_mine"
BIN_IS_IIN = "bin_is_iin"
ALREADY_MEMBER = "already_member"
LAST_ADMIN = "last_admin"
LOGO_TOO_LARGE = "logo_too_large"
LOGO_NOT_IMAGE = "logo_not_image"
NOT_ALLOWED = "not_allowed"
REGISTERED_IN_FUTURE = "registered_in_future"
EDITED_MEANWHILE = "edited_meanwhile"
EDITED_MEANWHILE_FIELDS = "edited_meanwhile_fields"
INVITEE_IS_MEMBER = "invitee_is_member"
REQUEST_ACCEPTED = "request_accepted"
REQUEST_DECLINED = "request_declined"
INVITATION_GONE = "invitation_gone"
INVITATION_NOT_YOURS = "invitation_not_yours"

MESSAGES = {
    DUPLICATE_BIN: _(
        "An organisation with this BIN is already registered on Azamat. Ask to join it instead."
    ),
    DUPLICATE_BIN_MINE: _(
        "This organisation is already registered on Azamat, and you are one of its people."
    ),
    BIN_IS_IIN: _(
        "This is a person's IIN, not an organisation's BIN: the fifth digit of a BIN is 4, 5 or 6. "
        "Enter the BIN from the organisation's registration certificate."
    ),
    ALREADY_MEMBER: _("You are already a member of this organisation or have asked to join it."),
    LAST_ADMIN: _("An organisation must keep at least one administrator."),
    LOGO_TOO_LARGE: _("The logo is too large: at most %(limit)s MB."),
    LOGO_NOT_IMAGE: _("The logo must be a picture: PNG, JPEG, WebP or HEIC."),
    NOT_ALLOWED: _("You are not allowed to do this."),
    REGISTERED_IN_FUTURE: _("The registration date cannot be in the future."),
    EDITED_MEANWHILE: _(
        "Someone else saved this profile after you opened it, so your changes are not saved. What you typed is "
        "below; check the profile in another tab and save again to keep yours."
    ),
    REQUEST_ACCEPTED: _("This request is already answered: %(person)s is one of the organisation's people."),
    REQUEST_DECLINED: _("This request is already declined."),
    INVITEE_IS_MEMBER: _("%(email)s is already one of the organisation's people."),
    INVITATION_GONE: _("This invitation is no longer open: it was withdrawn or already answered."),
    INVITATION_NOT_YOURS: _("This invitation was sent to %(email)s. Sign in with that address to answer it."),
    EDITED_MEANWHILE_FIELDS: _(
        "Someone else saved this profile after you opened it and changed the same fields as you: %(fields)s. "
        "Your changes are not saved yet. Below is what you typed in the fields you changed, and their version of "
        "the others; check it and save again to keep yours."
    ),
}


class EditedMeanwhile(DomainError):
    """A profile's save refused because a save since the form was loaded changed the same fields: `fields`, those
    (empty when the profile as loaded is unknown), and `mine`, every field this save changed (a form shown again
    keeps what was typed in those and shows the newer save in the others)."""

    def __init__(self, *, fields: list[str], mine: list[str]):
        from azamat.registry.models import Organisation

        names = [str(Organisation._meta.get_field(field).verbose_name) for field in fields]
        message = (
            MESSAGES[EDITED_MEANWHILE_FIELDS] % {"fields": ", ".join(names)}
            if names
            else str(MESSAGES[EDITED_MEANWHILE])
        )
        super().__init__(EDITED_MEANWHILE, message)
        self.fields, self.mine = fields, mine
