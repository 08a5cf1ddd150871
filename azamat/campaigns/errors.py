"""The campaign workspace's error codes and the messages people read."""

from django.utils.translation import gettext_lazy as _

NOT_MEMBER = "not_member_of_organisation"
NOT_TEAM = "not_campaign_team"
NOT_COORDINATOR = "not_campaign_coordinator"
CLOSED = "campaign_closed"
UNKNOWN_PERSON = "unknown_person"
NOT_ELIGIBLE = "person_not_eligible"
ALREADY_TEAM = "already_on_team"
LAST_COORDINATOR = "last_coordinator"
UNKNOWN_ORGANISATION = "unknown_organisation"
AMBIGUOUS_ORGANISATION = "ambiguous_organisation"
LEAD_AS_PARTNER = "lead_as_partner"
ALREADY_PARTNER = "already_partner"
NOT_INVITED = "invitation_not_open"
RULES_NOT_AGREED = "rules_not_agreed"
NOT_PARTNER = "not_accepted_partner"
DATES_ORDER = "dates_order"
STAKEHOLDER_WHO = "stakeholder_who"
UNKNOWN_STAGE = "unknown_stage"
UNKNOWN_CHECK = "unknown_security_check"
VALUE_TWICE = "indicator_value_twice"
VALUE_FUTURE = "indicator_value_in_future"
WRONG_STATUS = "wrong_campaign_status"
FOREIGN_ITEM = "item_of_another_campaign"

MESSAGES = {
    NOT_MEMBER: _("You can only act for an organisation of which you are an active member."),
    NOT_TEAM: _("Only the campaign's team can change it."),
    NOT_COORDINATOR: _("Only the campaign's coordinators manage its team and coalition."),
    CLOSED: _("This campaign is closed: reopen it to change it."),
    UNKNOWN_PERSON: _("No one is registered on Azamat with the email %(email)s."),
    NOT_ELIGIBLE: _(
        "%(email)s is not an active member of the lead organisation or of an accepted partner: "
        "only their people can join the team."
    ),
    ALREADY_TEAM: _("%(email)s is already on the team."),
    LAST_COORDINATOR: _("A campaign needs a coordinator: name another coordinator first."),
    UNKNOWN_ORGANISATION: _("No organisation with the BIN or name “%(query)s” on Azamat."),
    AMBIGUOUS_ORGANISATION: _("Several organisations are called “%(query)s”: enter the BIN."),
    LEAD_AS_PARTNER: _("The lead organisation is already in the campaign: invite another organisation."),
    ALREADY_PARTNER: _("%(organisation)s has already been invited."),
    NOT_INVITED: _("This invitation has already been answered."),
    RULES_NOT_AGREED: _("Agree the rules of interaction to accept the invitation."),
    NOT_PARTNER: _("Only an accepted partner can leave the coalition."),
    DATES_ORDER: _("The end cannot come before the start."),
    STAKEHOLDER_WHO: _("Name the stakeholder, or choose a government body or an organisation."),
    UNKNOWN_STAGE: _("No such stage."),
    UNKNOWN_CHECK: _("No such item of the checklist."),
    VALUE_TWICE: _("This indicator already has a value on %(date)s: change that one."),
    VALUE_FUTURE: _("A value cannot be measured in the future: today is %(today)s."),
    WRONG_STATUS: _("This campaign is “%(status)s”: this step is not possible."),
    FOREIGN_ITEM: _("This belongs to another campaign."),
}
