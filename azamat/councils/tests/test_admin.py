"""Every councils model's admin pages open, with their history, for a platform administrator."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from azamat.councils.models import Member
from azamat.testing.councils_factories import MeetingFactory, MemberFactory
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_pages_open(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    member = MemberFactory()
    MeetingFactory(council=member.council)
    models = [m for m in admin.site._registry if m._meta.app_label == "councils"]
    assert len(models) == 19
    for model in models:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert client.get(reverse(f"{prefix}_changelist")).status_code == 200, model
        assert client.get(reverse(f"{prefix}_add")).status_code == 200, model
        row = model.objects.first()
        if row is not None:
            assert client.get(reverse(f"{prefix}_history", args=[row.pk])).status_code == 200, model
    # Members leave with a date; the admin does not delete them.
    page = client.get(reverse("admin:councils_member_change", args=[member.pk])).content.decode()
    assert reverse("admin:councils_member_delete", args=[member.pk]) not in page
    assert Member.objects.filter(pk=member.pk).exists()


def test_the_admin_is_held_to_a_plausible_term_as_the_services_are():
    council = MemberFactory().council
    council.term_starts_on = datetime.date(1024, 8, 23)
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        council.full_clean()
    assert refused.value.message_dict["term_starts_on"][0].startswith(
        "Check the year: a council's term can run from 2015 to "
    )
