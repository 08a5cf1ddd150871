"""The API's errors in the reader's language: DRF's handler, with Django's untranslated "not found" replaced."""

from django.http import Http404
from rest_framework.exceptions import NotFound
from rest_framework.views import exception_handler as drf_exception_handler

from azamat.core.errors import not_found_reason


def exception_handler(exc, context):
    if isinstance(exc, Http404) and not not_found_reason(exc):
        exc = NotFound()  # "Not found." in the reader's language (DRF's catalogues)
    return drf_exception_handler(exc, context)
