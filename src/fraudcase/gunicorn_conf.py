"""gunicorn configured for the machine it runs on (docs/admin-guide.md "Serving in production").

    gunicorn -c python:fraudcase.gunicorn_conf

Worker processes from the cores this process may use (one more than the cores, so a core is
never idle while a worker waits on the database), each with a few threads (gthread: a thread
waiting on PostgreSQL lets another run). Each thread keeps its own database connection open
between requests (settings CONN_MAX_AGE), so the database sees workers x threads connections.
Every value can be set in the environment: FRAUDCASE_WEB_BIND, FRAUDCASE_WEB_WORKERS,
FRAUDCASE_WEB_THREADS, FRAUDCASE_WEB_TIMEOUT, FRAUDCASE_WEB_ACCESS_LOG ("-" is standard output,
"" none) and FRAUDCASE_WEB_MAX_REQUESTS (restart a worker after this many requests; 0 never).
"""

import gc
import os
from collections.abc import Mapping

THREADS = 4
# How often Python's collector runs in a worker: the youngest objects every 50,000 allocations
# (Python's default is 700). A page makes tens of thousands of short-lived objects (query
# compilation, template rendering), which reference counting frees; at 700 the collector ran
# dozens of times a page for nothing. The report page took 20% less time (ADR-0178).
GC_THRESHOLDS = (50_000, 20, 20)


def cores() -> int:
    """The cores this process may run on (its CPU affinity, as a container's cpuset sets it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _number(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from None
    if number < 0:
        raise SystemExit(f"{name} must not be negative, not {value!r}")
    return number


def settings_for(env: Mapping[str, str], cpu_count: int) -> dict[str, object]:
    """gunicorn's settings for a machine with `cpu_count` cores and this environment."""
    workers = _number(env, "FRAUDCASE_WEB_WORKERS", cpu_count + 1) or 1
    threads = _number(env, "FRAUDCASE_WEB_THREADS", THREADS) or 1
    max_requests = _number(env, "FRAUDCASE_WEB_MAX_REQUESTS", 10_000)
    return {
        "wsgi_app": "fraudcase.wsgi:application",
        "bind": env.get("FRAUDCASE_WEB_BIND", "127.0.0.1:8000"),
        "workers": workers,
        "worker_class": "gthread" if threads > 1 else "sync",
        "threads": threads,
        # A worker silent for this long is killed and replaced: it catches a stuck process (with
        # one thread, the sync worker, any request running this long). The proxy's timeout
        # ends a slow request for the user.
        "timeout": _number(env, "FRAUDCASE_WEB_TIMEOUT", 120),
        "graceful_timeout": 30,
        # Behind a reverse proxy on the same network: keep its connections a little while.
        "keepalive": 5,
        "max_requests": max_requests,
        "max_requests_jitter": max_requests // 10,
        "accesslog": env.get("FRAUDCASE_WEB_ACCESS_LOG", "-") or None,
        # The client's address, the request, status, bytes and microseconds taken.
        "access_log_format": '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(D)sus',
        "errorlog": "-",
        # Load Django once, before forking: workers share its memory and start at once.
        "preload_app": True,
    }


def post_worker_init(worker: object) -> None:
    """Load every view, and the libraries they use, before the worker takes its first request
    (otherwise that request waits seconds for them). After the fork: nothing is shared."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and every view
    tune_collector()


def tune_collector() -> None:
    """Move what is loaded by now (Django, the views, the libraries: long-lived) out of the
    collector's sight (gc.freeze), and collect young objects less often (GC_THRESHOLDS)."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


globals().update(settings_for(os.environ, cores()))
