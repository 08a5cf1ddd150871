"""The councils' tests read messages in English, the language of the msgids."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """Pages asked for in English too."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
