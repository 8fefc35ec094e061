"""Point Django at a fresh throw-away database for a benchmark run, and migrate it.

FRAUDCASE_BENCH_DB names the PostgreSQL database (default `fraudcase_bench`) and
FRAUDCASE_BENCH_SQLITE the SQLite file (default: a new temporary folder); with `keep`, the
database is not emptied first, so a run can reuse what an earlier one loaded.
"""

import os
import tempfile


def setup(db: str, *, keep: bool = False) -> None:
    folder = tempfile.mkdtemp(prefix="fraudcase-bench-")
    os.environ["FRAUDCASE_DATA_DIR"] = folder
    if db == "postgres":
        import psycopg

        server = os.environ.get("FRAUDCASE_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/")
        name = os.environ.get("FRAUDCASE_BENCH_DB", "fraudcase_bench")
        if not keep:
            with psycopg.connect(server + "postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["FRAUDCASE_DATABASE_URL"] = server + name
    else:
        path = os.environ.get("FRAUDCASE_BENCH_SQLITE", f"{folder}/bench.sqlite3")
        if not keep and os.path.exists(path):
            os.unlink(path)
        os.environ["FRAUDCASE_DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "fraudcase.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
