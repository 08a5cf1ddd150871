"""The same form sent twice (a double tap on a phone, the back button, a retry on a slow line) makes one record:
the person's row is locked, so two requests at once are checked one after the other, and a record of theirs
identical in every field typed is the one kept (the person lands on it, as after their first tap)."""

from django.contrib.auth import get_user_model


def twin(model, *, by, **fields):
    """Inside the writing transaction: the record of `model` that `by` already made with these very `fields`,
    or None."""
    list(get_user_model().objects.select_for_update().filter(pk=by.pk).values_list("pk", flat=True))
    return model.objects.filter(created_by=by, **fields).order_by("pk").first()
