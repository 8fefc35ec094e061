"""Point Django at a fresh throw-away database for a benchmark run, and migrate it."""

import os
import tempfile


def setup(db: str, *, name: str = "fraudcase_bench", folder: str | None = None) -> str:
    """Drop and re-create database `name` (PostgreSQL) or a new SQLite file, with its data
    directory in `folder` (a new temporary one by default); returns the data directory."""
    if folder is None:
        folder = tempfile.mkdtemp(prefix="fraudcase-bench-")
    os.makedirs(folder, exist_ok=True)
    os.environ["FRAUDCASE_DATA_DIR"] = folder
    if db == "postgres":
        import psycopg

        server = os.environ.get("FRAUDCASE_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/")
        with psycopg.connect(server + "postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        os.environ["FRAUDCASE_DATABASE_URL"] = server + name
    else:
        path = os.path.join(folder, "bench.sqlite3")
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
