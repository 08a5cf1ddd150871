"""Template filters of the councils pages."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or None: a decision's accountability items on the meeting pages."""
    return (mapping or {}).get(key)
