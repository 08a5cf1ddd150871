"""The API's errors in the reader's language: DRF's handler, with Django's untranslated "not found" replaced."""

import re

from django.http import Http404
from rest_framework.exceptions import NotFound
from rest_framework.views import exception_handler as drf_exception_handler

# get_object_or_404's message names the model in English ("No Problem matches the given query."); our own 404s
# say what is missing in the reader's language and are kept.
DJANGO_NOT_FOUND = re.compile(r"^No \w[\w ]* matches the given query\.$")


def exception_handler(exc, context):
    if isinstance(exc, Http404) and (not exc.args or DJANGO_NOT_FOUND.match(str(exc))):
        exc = NotFound()  # "Not found." in the reader's language (DRF's catalogues)
    return drf_exception_handler(exc, context)
