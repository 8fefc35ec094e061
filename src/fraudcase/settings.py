"""Project wiring. Everything a deployment changes comes from FRAUDCASE_* environment variables.

See docs/admin-guide.md for the full list.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("FRAUDCASE_DATA_DIR", REPO_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key comes from the environment, or is made once per data directory (never committed)."""
    if key := os.environ.get("FRAUDCASE_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _flag("FRAUDCASE_DEBUG")
ALLOWED_HOSTS = os.environ.get("FRAUDCASE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("FRAUDCASE_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI from local static files, not a CDN
    "django_tasks",
    "django_tasks_db",  # the queue of long imports, in the database (`fraudcase db_worker`)
    # Lowest first: each app may import only those above it in this list (docs/architecture.md).
    "fraudcase.core",
    "fraudcase.accounts",
    "fraudcase.audit",
    "fraudcase.jobs",
    "fraudcase.reports",
    "fraudcase.intake",
    "fraudcase.linking",
    "fraudcase.victims",
    "fraudcase.triage",
    "fraudcase.cases",
    "fraudcase.returns",
    "fraudcase.streams",
    "fraudcase.finance",
    "fraudcase.investigation",
    "fraudcase.ocg",
    "fraudcase.casefile",
    "fraudcase.recovery",
    "fraudcase.performance",
    "fraudcase.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fraudcase.accounts.middleware.SessionIdleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fraudcase.accounts.middleware.RequestScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "fraudcase.core.nul.RejectNulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fraudcase.accounts.middleware.LoginRequiredMiddleware",
    "fraudcase.accounts.middleware.SecurityHeadersMiddleware",
    "fraudcase.reports.middleware.JustificationMiddleware",
]

ROOT_URLCONF = "fraudcase.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fraudcase.context.navigation",
            ],
            "builtins": ["fraudcase.core.templatetags.fraudcase"],
        },
    }
]
WSGI_APPLICATION = "fraudcase.wsgi.application"

# SQLite file by default; PostgreSQL in production through FRAUDCASE_DATABASE_URL.
# Each web thread keeps its connection for a minute between requests (docs/admin-guide.md
# "Serving in production"), checked with a round trip before a request reuses it, so a restarted
# database costs no failed request.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("FRAUDCASE_DATABASE_URL", f"sqlite:///{DATA_DIR / 'fraudcase.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "fraudcase.accounts.validators.DistinctCharactersValidator",
        "OPTIONS": {"min_distinct": 6},
    },
]
AUTHENTICATION_BACKENDS = ["fraudcase.accounts.backends.ThrottledModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Sign-in throttling, counted in the database (docs/admin-guide.md "Signing in"): failures
# within the window per (username, address), per address, and overall.
FRAUDCASE_LOCKOUT_ATTEMPTS = int(os.environ.get("FRAUDCASE_LOCKOUT_ATTEMPTS", "5"))
FRAUDCASE_LOCKOUT_MINUTES = int(os.environ.get("FRAUDCASE_LOCKOUT_MINUTES", "15"))
FRAUDCASE_THROTTLE_ADDRESS_ATTEMPTS = int(
    os.environ.get("FRAUDCASE_THROTTLE_ADDRESS_ATTEMPTS", "20")
)
FRAUDCASE_THROTTLE_OVERALL_ATTEMPTS = int(
    os.environ.get("FRAUDCASE_THROTTLE_OVERALL_ATTEMPTS", "100")
)
# Behind a reverse proxy every request comes from the proxy: name the header it puts the
# client's address in (e.g. X-Forwarded-For). Only if the proxy sets it on every request.
FRAUDCASE_CLIENT_ADDRESS_HEADER = os.environ.get("FRAUDCASE_CLIENT_ADDRESS_HEADER", "")
# API tokens last this many days at most (and by default).
FRAUDCASE_API_TOKEN_DAYS = int(os.environ.get("FRAUDCASE_API_TOKEN_DAYS", "90"))
# When the response to an ILOR or EIO is due when the requesting authority gives no date
# (streams.rules.response_due; docs/rules.md "ILOR/EIO response due"): calendar days from
# receipt. An EIO's 120 are Directive 2014/41/EU art. 12 (30 days to recognise, 90 to execute).
FRAUDCASE_ILOR_RESPONSE_DAYS = int(os.environ.get("FRAUDCASE_ILOR_RESPONSE_DAYS", "90"))
FRAUDCASE_EIO_RESPONSE_DAYS = int(os.environ.get("FRAUDCASE_EIO_RESPONSE_DAYS", "120"))
# The API's documentation and schema are for signed-in users unless this is on.
FRAUDCASE_PUBLIC_API_DOCS = _flag("FRAUDCASE_PUBLIC_API_DOCS")

# Optional single sign-on through OpenID Connect (docs/admin-guide.md "Single sign-on"). With a
# Microsoft Entra ID tenant the endpoints follow from it; any of them can be given instead.
_OIDC_TENANT = os.environ.get("FRAUDCASE_OIDC_TENANT", "")
_ENTRA = f"https://login.microsoftonline.com/{_OIDC_TENANT}" if _OIDC_TENANT else ""


def _oidc(name: str, entra_default: str) -> str:
    return os.environ.get(f"FRAUDCASE_OIDC_{name}") or (entra_default if _ENTRA else "")


OIDC_RP_CLIENT_ID = os.environ.get("FRAUDCASE_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("FRAUDCASE_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = _oidc("AUTHORIZATION_ENDPOINT", f"{_ENTRA}/oauth2/v2.0/authorize")
OIDC_OP_TOKEN_ENDPOINT = _oidc("TOKEN_ENDPOINT", f"{_ENTRA}/oauth2/v2.0/token")
OIDC_OP_USER_ENDPOINT = _oidc("USERINFO_ENDPOINT", "https://graph.microsoft.com/oidc/userinfo")
OIDC_OP_JWKS_ENDPOINT = _oidc("JWKS_ENDPOINT", f"{_ENTRA}/discovery/v2.0/keys")
OIDC_RP_SIGN_ALGO = os.environ.get("FRAUDCASE_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("FRAUDCASE_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False  # users and their roles are made in fraudcase, never by sign-on
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=refused"
FRAUDCASE_OIDC_USERNAME_CLAIM = os.environ.get(
    "FRAUDCASE_OIDC_USERNAME_CLAIM", "preferred_username"
)
FRAUDCASE_OIDC_LABEL = os.environ.get("FRAUDCASE_OIDC_LABEL", "Sign in with Microsoft")
FRAUDCASE_OIDC_ENABLED = all(
    [
        OIDC_RP_CLIENT_ID,
        OIDC_RP_CLIENT_SECRET,
        OIDC_OP_AUTHORIZATION_ENDPOINT,
        OIDC_OP_TOKEN_ENDPOINT,
        OIDC_OP_USER_ENDPOINT,
        OIDC_OP_JWKS_ENDPOINT,
    ]
)
if FRAUDCASE_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("fraudcase.accounts.oidc.OIDCBackend")

# Sessions end after 30 idle minutes and when the browser closes. The idle clock is moved
# forward at most once a minute (accounts.middleware.SessionIdleMiddleware, ADR-0176), not by a
# write on every request.
SESSION_COOKIE_AGE = int(os.environ.get("FRAUDCASE_SESSION_IDLE_SECONDS", "1800"))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Secure cookies and HSTS are on unless the deployment says it serves plain HTTP on loopback.
_INSECURE_HTTP = _flag("FRAUDCASE_INSECURE_HTTP")
SESSION_COOKIE_SECURE = not _INSECURE_HTTP
CSRF_COOKIE_SECURE = not _INSECURE_HTTP
SECURE_SSL_REDIRECT = _flag("FRAUDCASE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = 0 if _INSECURE_HTTP else 31536000
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
NODE_MODULES = REPO_DIR / "node_modules"
STATICFILES_DIRS = [
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("moj", NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"),
    BASE_DIR / "static",
]
# GOV.UK Frontend's stylesheet asks for its fonts and images at /assets/.
WHITENOISE_ROOT = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"
WHITENOISE_USE_FINDERS = True
# Hashed, compressed and cached forever once `fraudcase collectstatic` has run; plain names,
# found where they are, until then (fraudcase.static_storage).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "fraudcase.static_storage.CollectedStaticFiles"},
}

# The audit log's HMAC key and its checkpoints live outside the database (docs/admin-guide.md
# "Audit log"); empty means the defaults under DATA_DIR, resolved when first used.
AUDIT_KEY = os.environ.get("FRAUDCASE_AUDIT_KEY", "")
AUDIT_KEY_FILE = os.environ.get("FRAUDCASE_AUDIT_KEY_FILE", "")
AUDIT_CHECKPOINT_FILE = os.environ.get("FRAUDCASE_AUDIT_CHECKPOINT_FILE", "")
# How many chains ("lanes") audit writers append to in parallel; 0 means 16 on PostgreSQL and 1
# on SQLite (audit.services.lane_count).
_lanes = os.environ.get("FRAUDCASE_AUDIT_LANES", "0").strip()
if not _lanes.isdigit():
    raise ImproperlyConfigured(
        f"FRAUDCASE_AUDIT_LANES must be a whole number, 0 or more (0: the default), not {_lanes!r}"
    )
AUDIT_LANES = int(_lanes)

# Attachments are stored outside the database (docs/admin-guide.md "Attachments").
ATTACHMENT_ROOT = Path(os.environ.get("FRAUDCASE_ATTACHMENT_DIR", DATA_DIR / "attachments"))
ATTACHMENT_MAX_BYTES = int(os.environ.get("FRAUDCASE_ATTACHMENT_MAX_BYTES", str(25 * 1024 * 1024)))
ATTACHMENT_CONTENT_TYPES = [
    "application/pdf",
    "image/jpeg",
    "image/png",
    "text/plain",
    "text/csv",
    "message/rfc822",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "application/vnd.ms-excel",
]
# NFIB packages may be large: allow 200 MB uploads, streamed to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FRAUDCASE_IMPORT_MAX_BYTES = int(os.environ.get("FRAUDCASE_IMPORT_MAX_BYTES", str(200 * 1024**2)))
# What an imported file may unpack to (fraudcase.core.filelimits): an xlsx is a zip, and a small one
# can expand to gigabytes. The command line reads the same variables without starting Django.
FRAUDCASE_MAX_XLSX_EXPANDED_BYTES = int(
    os.environ.get("FRAUDCASE_MAX_XLSX_EXPANDED_BYTES", str(800 * 1024**2))
)
FRAUDCASE_MAX_XLSX_RATIO = int(os.environ.get("FRAUDCASE_MAX_XLSX_RATIO", "200"))
FRAUDCASE_MAX_CSV_BYTES = int(os.environ.get("FRAUDCASE_MAX_CSV_BYTES", str(1024**3)))
FRAUDCASE_MAX_IMPORT_ROWS = int(os.environ.get("FRAUDCASE_MAX_IMPORT_ROWS", "2000000"))

# Local references look like FC/000123/26; the prefix is the force's choice.
FRAUDCASE_REFERENCE_PREFIX = os.environ.get("FRAUDCASE_REFERENCE_PREFIX", "FC")

# Imports started from a page are queued in the database and run by a worker process
# (`fraudcase db_worker`, started by scripts/start beside the web server), which shows their
# progress. FRAUDCASE_JOBS_INLINE=1 runs them before the page answers instead (no worker).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if _flag("FRAUDCASE_JOBS_INLINE")
        else "django_tasks_db.DatabaseBackend"
    }
}

# How long the allocation board keeps its timings (days from receipt to assessment, allocation
# and outcome over the latest 1,000 moves of 90 days) before working them out again; the board
# says when they were worked out (ADR-0177). 0: every time.
FRAUDCASE_BOARD_TIMINGS_SECONDS = int(os.environ.get("FRAUDCASE_BOARD_TIMINGS_SECONDS", "300"))
# What is kept between requests (the board's timings) is kept once for every web worker and
# thread, in files under the data directory (FRAUDCASE_CACHE_DIR to put them elsewhere), not
# once a worker process: figures worked out by one worker serve them all (ADR-0180).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("FRAUDCASE_CACHE_DIR", str(DATA_DIR / "cache")),
    }
}

# Linking (DOMAIN.md "Linking"): an identifier on more reports than this joins none of them
# until an administrator allows it (the over-connected identifiers page).
FRAUDCASE_LINKING_CAP = int(os.environ.get("FRAUDCASE_LINKING_CAP", "50"))

# Home Office outcome types counted as positive (§5.7: the seed counts 1-10), e.g. "1-10,22".
FRAUDCASE_POSITIVE_OUTCOMES = os.environ.get("FRAUDCASE_POSITIVE_OUTCOMES", "1-10")


def _working_days(name: str, default: int) -> int:
    """A number of working days an administrator sets: a whole number from 0 to 30, or
    start-up stops naming the variable."""
    value = os.environ.get(name, str(default)).strip()
    if not value.isdigit() or int(value) > 30:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of working days from 0 to 30, not {value!r}"
        )
    return int(value)


# The routed teams' first contact with the victim (docs/rules.md "Cyber and victim support
# routes"), in working days after the report is received; 0 is the same day.
# A cyber-dependent dissemination: the cyber team contacts the victim (seed 002 ¶36 ii).
FRAUDCASE_CYBER_CONTACT_DAYS = _working_days("FRAUDCASE_CYBER_CONTACT_DAYS", 1)
# A crime in action is happening now: the same day (seed 002 ¶38 i).
FRAUDCASE_CRIME_IN_ACTION_CONTACT_DAYS = _working_days("FRAUDCASE_CRIME_IN_ACTION_CONTACT_DAYS", 0)
# A victim-support-only referral is a victim needing safeguarding: the enhanced service's 1
# working day (§5.4, §5.6).
FRAUDCASE_VICTIM_SUPPORT_CONTACT_DAYS = _working_days("FRAUDCASE_VICTIM_SUPPORT_CONTACT_DAYS", 1)
# Who letters to victims come from, and how the victim gets in touch.
FRAUDCASE_FORCE_NAME = os.environ.get("FRAUDCASE_FORCE_NAME", "Leicestershire Police")
FRAUDCASE_TEAM_CONTACT = os.environ.get(
    "FRAUDCASE_TEAM_CONTACT",
    "Call 101 (Monday to Friday, 8am to 4pm) and ask for the {team}.",
)
FRAUDCASE_FORCE_WEBSITE = os.environ.get(
    "FRAUDCASE_FORCE_WEBSITE", "https://www.leics.police.uk/advice/advice-and-information/fa/fraud/"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FRAUDCASE_LOG_LEVEL", "WARNING")},
}
