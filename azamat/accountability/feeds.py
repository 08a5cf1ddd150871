"""Atom feeds of accountability: items that became overdue and items answered, for the country and per body.

An item became overdue on the day after its (current) due date passed unanswered: answered late or still
unanswered, it is in the feed with that day; an answered item with the day of its answer. Public items only,
most recent first, the latest FEED_SIZE.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from azamat.accountability.selectors import items
from azamat.registry.models import GovernmentBody

FEED_SIZE = 50


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class _ItemsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, code=None):
        if code is None:
            return None
        return get_object_or_404(GovernmentBody, code=code)

    def _items(self, body):
        queryset = items(public_only=True)
        return queryset.filter(body=body) if body is not None else queryset

    def item_title(self, item):
        return f"{item.number}: {item.title}"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"{item.get_absolute_url()}#{self.event}"

    def item_author_name(self, item):
        return item.body.name

    def item_categories(self, item):
        return [item.status_label]


class OverdueFeed(_ItemsFeed):
    event = "overdue"

    def title(self, body):
        if body is None:
            return _("Azamat: items that became overdue")
        return _("Azamat: items to %(body)s that became overdue") % {"body": body.name}

    def link(self, body):
        if body is None:
            return reverse("accountability:overview")
        return reverse("accountability:body", args=[body.code])

    def subtitle(self, body):
        return _("Items whose answer deadline passed without an answer, most recent first.")

    def items(self, body):
        today = timezone.localdate()
        late = Q(outcome="") | Q(answered_on__gt=F("current_due"))
        return (
            self._items(body).filter(late, current_due__lt=today).order_by("-current_due", "-pk")[:FEED_SIZE]
        )

    def item_description(self, item):
        return _("%(body)s was to answer by %(due)s. Status: %(status)s.") % {
            "body": item.body.name,
            "due": date_format(item.current_due, "DATE_FORMAT"),
            "status": item.status_label,
        }

    def item_updateddate(self, item):
        return _moment(item.current_due + datetime.timedelta(days=1))

    item_pubdate = item_updateddate


class AnsweredFeed(_ItemsFeed):
    event = "answered"

    def title(self, body):
        if body is None:
            return _("Azamat: items answered")
        return _("Azamat: items answered by %(body)s") % {"body": body.name}

    def link(self, body):
        if body is None:
            return reverse("accountability:overview")
        return reverse("accountability:body", args=[body.code])

    def subtitle(self, body):
        return _("Answers of government bodies to the items addressed to them, most recent first.")

    def items(self, body):
        return self._items(body).exclude(outcome="").order_by("-answered_on", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        return _("%(body)s answered on %(date)s: %(outcome)s.") % {
            "body": item.body.name,
            "date": date_format(item.answered_on, "DATE_FORMAT"),
            "outcome": item.get_outcome_display(),
        }

    def item_updateddate(self, item):
        return _moment(item.answered_on)

    item_pubdate = item_updateddate
