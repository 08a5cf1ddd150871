"""Campaign links on other apps' pages: whether the person may start a campaign."""

from django import template

from azamat.campaigns.permissions import can_create_campaign

register = template.Library()


@register.simple_tag
def can_start_campaign(user) -> bool:
    return bool(can_create_campaign(user))
