"""Azamat settings: one file, everything from the environment, safe defaults for the demo."""

import json
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("AZAMAT_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _secret_key() -> str:
    """SECRET_KEY from the environment, or one generated on first run and kept under var/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _vault_keys() -> tuple[list[str], str]:
    """The monitoring vault's keys (azamat/core/vault.py): from the environment, or for the demo and development
    generated on first run and kept under var/ with the secret key (outside the database and its dumps)."""
    keys = env_list("AZAMAT_VAULT_KEYS")
    index_key = os.environ.get("AZAMAT_VAULT_INDEX_KEY", "")
    if keys and index_key:
        return keys, index_key
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "vault_keys.json"
    if not key_file.exists():
        from cryptography.fernet import Fernet

        key_file.write_text(
            json.dumps({"keys": [Fernet.generate_key().decode()], "index_key": secrets.token_urlsafe(32)})
        )
        key_file.chmod(0o600)
    stored = json.loads(key_file.read_text())
    return keys or stored["keys"], index_key or stored["index_key"]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key()
VAULT_KEYS, VAULT_INDEX_KEY = _vault_keys()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "azamat.core",
    "azamat.accounts",
    "azamat.registry",
    "azamat.grants",
    "azamat.accountability",
    "azamat.councils",
    "azamat.problems",
    "azamat.campaigns",
    "azamat.surveys",
    "azamat.monitoring",
    "azamat.voting",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "django_htmx",
    "template_partials",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "azamat.core.middleware.RefusedRequestLogMiddleware",
    "azamat.core.middleware.HeadAsGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "azamat.core.middleware.FormAddressMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "azamat.core.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "azamat.core.middleware.HtmxMessagesMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "azamat.core.middleware.MalformedRequestMiddleware",
]

ROOT_URLCONF = "azamat.urls"
WSGI_APPLICATION = "azamat.wsgi.application"

# The stock widgets written out in Python, byte for byte what their templates give (core/form_renderer.py).
FORM_RENDERER = "azamat.core.form_renderer.FastWidgetRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "azamat.core.context_processors.site",
            ],
        },
    }
]

# Database: DATABASE_URL (PostgreSQL in production and CI), embedded SQLite under var/ otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'azamat.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            # A transaction takes the write lock when it begins: one that reads, runs a long step (a vote's tool)
            # and then writes would otherwise fail with "database is locked" when another process wrote meanwhile.
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (rate limits, lockout counters, the dashboard's figures): Redis when REDIS_URL is set (required with
# several app servers, so they share it), else per-process memory. CACHE_KEY_PREFIX lets sites share a Redis.
if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# Sessions live in the database, which every app server shares; with Redis, `...cached_db` reads them from there.
SESSION_ENGINE = os.environ.get("SESSION_ENGINE", "django.contrib.sessions.backends.db")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "azamat.accounts.backends.PlatformAdminBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: email login, mandatory verification, TOTP with recovery codes, lockout on failures.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Azamat] "
ACCOUNT_ADAPTER = "azamat.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "azamat.accounts.forms.SignupExtraForm"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    # Brute-force lockout: after 5 failed sign-ins for one account within 15 minutes, it is locked.
    "login_failed": os.environ.get("LOGIN_FAILED_LIMIT", "10/m/ip,5/15m/key"),
    "signup": "20/m/ip",
    "confirm_email": "3/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Azamat"

# Internationalisation: Kazakh first, then Russian and English.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "azamat_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
FORMAT_MODULE_PATH = ["azamat.formats"]  # Kazakh number formats
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Private files leave through views that check permission (azamat/core/files.py). In production set
# SENDFILE_BACKEND=django_sendfile.backends.nginx: the view answers with X-Accel-Redirect to the
# `internal` location /protected/ and nginx sends the file from MEDIA_ROOT; the simple backend streams it.
SENDFILE_BACKEND = os.environ.get("SENDFILE_BACKEND", "django_sendfile.backends.simple")
SENDFILE_ROOT = MEDIA_ROOT
SENDFILE_URL = "/protected"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", False)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Email: EMAIL_URL like smtp://user:pass@host:587?tls=1, console:// or locmem://.
_email_url = os.environ.get("EMAIL_URL", "console://")
if _email_url.startswith("console:"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif _email_url.startswith("locmem:"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
elif _email_url.startswith("file:"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
else:
    from urllib.parse import parse_qs, unquote, urlparse

    _u = urlparse(_email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _u.hostname or "localhost"
    EMAIL_PORT = _u.port or 25
    EMAIL_HOST_USER = unquote(_u.username or "")
    EMAIL_HOST_PASSWORD = unquote(_u.password or "")
    _q = parse_qs(_u.query)
    EMAIL_USE_TLS = _q.get("tls", ["0"])[0] in {"1", "true"}
    EMAIL_USE_SSL = _u.scheme == "smtps"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Azamat <noreply@azamat.kz>")

# Background work through the Django tasks interface.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# REST API.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "azamat.accounts.api_authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # JSON only: form encodings blur "empty" and "absent", and no client of ours sends them.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "azamat.api.pagination.Pagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "azamat.api.schema.Schema",
    "EXCEPTION_HANDLER": "azamat.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "120/min"),
        "user": os.environ.get("API_USER_RATE", "1200/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Azamat API",
    "DESCRIPTION": "Open data and integrations for Kazakhstan's civil society platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a field named "status": name each choice set after its model.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "azamat.api.schema.no_nul_in_parameters",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ProblemStatusEnum": "azamat.problems.models.Problem.Status",
        "PetitionStatusEnum": "azamat.campaigns.models.Petition.Status",
    },
}

# Security.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
# Behind nginx every request comes from nginx's address: the client's is the last X-Forwarded-For entry, which
# nginx sets (not appends). Sign-in and API limits per address count clients, not the proxy.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_PROXY") else 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT or None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HSTS: off by default (the demo runs on plain HTTP); production sets SECURE_HSTS_SECONDS=31536000 behind TLS.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

# Content Security Policy (django-csp): only our own scripts, styles and images; no inline script or style, no
# frames, forms post only to us. CSP_MODE: "enforce" (default), "report-only" (to try a change), or "off".
# CSP_REPORT_URI sends violation reports where the operator collects them.
from csp.constants import NONE, SELF  # noqa: E402

_csp = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if _csp_report_uri := os.environ.get("CSP_REPORT_URI"):
    _csp["DIRECTIVES"]["report-uri"] = [_csp_report_uri]
CSP_MODE = os.environ.get("CSP_MODE", "enforce")
if CSP_MODE == "enforce":
    CONTENT_SECURITY_POLICY = _csp
elif CSP_MODE == "report-only":
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # A refused request (4xx) is one line from azamat.requests (core/middleware.py); django.request keeps 5xx only,
    # with their traceback, instead of a traceback for every 403.
    "loggers": {"django.request": {"level": "ERROR"}},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# The public grants dashboard reads every awarded project; its figures are cached this long (0: not cached).
GRANTS_DASHBOARD_CACHE_SECONDS = env_int("GRANTS_DASHBOARD_CACHE_SECONDS", 300)
# Public pages served to anonymous visitors from the cache (core/public_cache.py): how long a browser or a CDN
# may keep one (Cache-Control max-age) and the longest a page that follows the clock stays stale. 0: off.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 60)

# Petitions' flood limits, name -> [how many, seconds] (azamat/campaigns/ratelimit.py has the defaults); the
# environment may raise them for a large event or a benchmark: PETITION_RATE_LIMITS='{"ip": [0, 600]}' (0: off).
PETITION_RATE_LIMITS = {
    name: tuple(value) for name, value in json.loads(os.environ.get("PETITION_RATE_LIMITS") or "{}").items()
}
FORMS_URLFIELD_ASSUME_HTTPS = True
