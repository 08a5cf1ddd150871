"""Settings for the test suite: the real settings, with tasks run at once and email kept in memory."""

import os
import tempfile

os.environ.setdefault("AZAMAT_VAR_DIR", os.path.join(tempfile.gettempdir(), "azamat-test-var"))

from azamat.settings import *  # noqa: E402,F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="azamat-media-"))  # noqa: F405
SENDFILE_ROOT = MEDIA_ROOT  # private files are sent from the same place they are stored
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
