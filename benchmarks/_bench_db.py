"""Point Django at a fresh throw-away database for a benchmark run, and migrate it."""

import os
import tempfile


def setup(db: str, name: str = "fraudcase_bench") -> None:
    """A new data folder and database (`name` on PostgreSQL), migrated, with Django set up."""
    folder = tempfile.mkdtemp(prefix="fraudcase-bench-")
    os.environ["FRAUDCASE_DATA_DIR"] = folder
    if db == "postgres":
        import psycopg

        server = os.environ.get("FRAUDCASE_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/")
        with psycopg.connect(server + "postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        os.environ["FRAUDCASE_DATABASE_URL"] = server + name
    else:
        os.environ["FRAUDCASE_DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "fraudcase.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
