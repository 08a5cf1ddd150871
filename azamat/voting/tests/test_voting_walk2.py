"""Found walking the public votes in Kazakh and Russian on a phone: a vote's published totals and turnout were
written 1234 where every other page of the platform writes 1 234 (an alliance's vote counts in thousands); a title
or a question too long was refused in Django's words, not the platform's."""

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core import fields
from azamat.testing.voting_factories import prepared
from azamat.voting import forms
from azamat.voting.models import Election

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_published_result_groups_its_thousands(client, language):
    """Given a tallied vote whose first candidate has 1234 votes, when anyone opens its public page, then the totals
    and the turnout are written with the language's thousands apart, as the rest of the platform writes them."""
    world = prepared(voters=3)
    Election.objects.filter(pk=world.election.pk).update(
        status=Election.Status.TALLIED,
        result=[[1234, 12050, 7]],
        ballots_counted=13291,
        tallied_at=timezone.now(),
    )
    page = client.get(
        reverse("voting:public_vote", args=[world.election.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    with translation.override(language):
        grouped = [intcomma(n) for n in (1234, 12050, 13291)]
    assert grouped[0] != "1234"
    assert all(f'<td class="num">{n}</td>' in page for n in grouped[:2])
    assert grouped[2] in page  # the turnout: 13 291 of 3
    assert not [n for n in ("1234", "12050", "13291") if n in page]


@pytest.mark.parametrize(
    ("form", "field", "limit"),
    [
        (forms.ElectionForm, "title", 300),
        (forms.ElectionForm, "description", 5000),
        (forms.QuestionForm, "text", 500),
        (forms.CandidateForm, "name", 300),
    ],
)
def test_a_text_too_long_is_refused_as_on_every_other_form(form, field, limit):
    """The vote's forms said Django's "Ensure this value has at most 300 characters (it has 20000)." (its number
    unformatted) where the platform's other forms say how long the text is in the language's own words."""
    typed = "ж" * 20_000
    with translation.override("ru"):
        errors = form(data={field: typed}).errors[field]
        with pytest.raises(ValidationError) as expected:
            fields.CharField(max_length=limit).clean(typed)
    assert errors == expected.value.messages
