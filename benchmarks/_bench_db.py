"""Point Django at a fresh throw-away database for a benchmark run, and migrate it.

FRAUDCASE_BENCH_DB names the PostgreSQL database (default `fraudcase_bench`) and
FRAUDCASE_BENCH_SQLITE the SQLite file (default: a new temporary folder); with `keep`, the
database is not emptied first, so a run can reuse what an earlier one loaded.
"""

import os
import tempfile


def setup(db: str, *, name: str = "", folder: str | None = None, keep: bool = False) -> str:
    """Point Django at database `name` (PostgreSQL; FRAUDCASE_BENCH_DB, else fraudcase_bench)
    or a SQLite file (FRAUDCASE_BENCH_SQLITE, else in the data directory), dropped and
    re-created unless `keep`, with its data directory in `folder` (a new temporary one by
    default); migrate it and return the data directory."""
    if folder is None:
        folder = tempfile.mkdtemp(prefix="fraudcase-bench-")
    os.makedirs(folder, exist_ok=True)
    os.environ["FRAUDCASE_DATA_DIR"] = folder
    if db == "postgres":
        import psycopg

        server = os.environ.get("FRAUDCASE_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/")
        name = name or os.environ.get("FRAUDCASE_BENCH_DB", "fraudcase_bench")
        if not keep:
            with psycopg.connect(server + "postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["FRAUDCASE_DATABASE_URL"] = server + name
    else:
        path = os.environ.get("FRAUDCASE_BENCH_SQLITE", os.path.join(folder, "bench.sqlite3"))
        if not keep:
            for leftover in (path, path + "-wal", path + "-shm"):
                if os.path.exists(leftover):
                    os.remove(leftover)
        os.environ["FRAUDCASE_DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "fraudcase.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return folder
