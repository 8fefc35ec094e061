"""Issue 16, item 6: gunicorn's workers and threads follow the machine's cores, and every value
can be set by the environment (docs/admin-guide.md "Serving in production")."""

import pytest

from fraudcase import gunicorn_conf


def test_one_worker_more_than_the_cores_each_with_four_threads():
    for cores in (1, 2, 8):
        conf = gunicorn_conf.settings_for({}, cores)
        assert conf["workers"] == cores + 1
        assert conf["threads"] == 4
        assert conf["worker_class"] == "gthread"
        assert conf["wsgi_app"] == "fraudcase.wsgi:application"
        assert conf["bind"] == "127.0.0.1:8000"
        assert conf["accesslog"] == "-"


def test_the_environment_overrides_workers_threads_bind_timeout_and_the_access_log():
    conf = gunicorn_conf.settings_for(
        {
            "FRAUDCASE_WEB_WORKERS": "5",
            "FRAUDCASE_WEB_THREADS": "8",
            "FRAUDCASE_WEB_BIND": "0.0.0.0:9000",
            "FRAUDCASE_WEB_TIMEOUT": "30",
            "FRAUDCASE_WEB_ACCESS_LOG": "",
            "FRAUDCASE_WEB_MAX_REQUESTS": "0",
        },
        2,
    )
    assert (conf["workers"], conf["threads"]) == (5, 8)
    assert conf["bind"] == "0.0.0.0:9000"
    assert conf["timeout"] == 30
    assert conf["accesslog"] is None
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (0, 0)


def test_one_thread_is_the_plain_sync_worker():
    conf = gunicorn_conf.settings_for({"FRAUDCASE_WEB_THREADS": "1"}, 2)
    assert conf["worker_class"] == "sync"


@pytest.mark.parametrize("value", ["three", "-1", "2.5"])
def test_a_value_that_is_not_a_whole_number_stops_the_server_saying_which(value):
    with pytest.raises(SystemExit, match="FRAUDCASE_WEB_WORKERS"):
        gunicorn_conf.settings_for({"FRAUDCASE_WEB_WORKERS": value}, 2)


def test_the_module_gunicorn_reads_sets_the_machine_s_values():
    assert gunicorn_conf.workers == gunicorn_conf.cores() + 1  # type: ignore[attr-defined]


def test_a_worker_collects_young_objects_less_often(monkeypatch):
    """ADR-0178: after loading, a worker freezes what it loaded and raises the collector's
    thresholds (a page's short-lived objects are freed by reference counting)."""
    import gc

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    before = gc.get_threshold()
    try:
        gunicorn_conf.post_worker_init(object())
        assert frozen == [True]
        assert gc.get_threshold() == gunicorn_conf.GC_THRESHOLDS
    finally:
        gc.set_threshold(*before)


def test_what_one_worker_keeps_every_other_worker_reads(tmp_path):
    """The board's timings are worked out once for every worker, not once a worker
    (ADR-0180): the product's cache is files under the data directory, which every worker
    process opens as its own cache object and reads the same."""
    from django.utils.module_loading import import_string

    from fraudcase import settings as product

    config = product.CACHES["default"]
    assert config["LOCATION"] == str(product.DATA_DIR / "cache")
    backend = import_string(config["BACKEND"])
    one_worker, another = backend(str(tmp_path), {}), backend(str(tmp_path), {})
    one_worker.set("board-timings:official:1:2026-12-01", ["worked out once"], 300)
    assert another.get("board-timings:official:1:2026-12-01") == ["worked out once"]
