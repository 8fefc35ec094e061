"""Issue 16: a page costs the same number of queries with a few reports and with many.

`assert_bounded` asks for a page (or API answer) once, grows the data, asks again, and fails
if the second answer took more queries than the first: the sign of an N+1 or of a read that
grows with the history. Tests grow the data through the real import path (`more_reports`)
and then move some of it along with the services their page reads, so what is measured is
what a force would hold.
"""

import tempfile
from collections.abc import Callable
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fraudcase.intake.importing import import_nfib_package
from fraudcase.intake.synthetic import nfib_package_frame

# Synthetic NFRC numbers for tests: far from the demo's and the benchmarks' (issue 16, item 8).
TEST_NFRC_BASE = 269_000_000_000


def more_reports(victims: int, *, seed: int = 91, user=None) -> None:
    """Import a synthetic package of `victims` reports (seeds give distinct NFRC numbers)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"scale-{seed}.csv"
        frame = nfib_package_frame(
            victims, seed=seed, prefix=f"SCALE{seed}", nfrc_base=TEST_NFRC_BASE
        )
        frame.write_csv(path)
        import_nfib_package(path, user=user)


def queries_for(client, url: str, *, status: int = 200, **headers) -> list[str]:
    """The SQL of one GET, after checking it answered `status`."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    return [q["sql"] for q in captured.captured_queries]


def assert_bounded(client, url: str, grow: Callable[[], None], **headers) -> int:
    """`url` takes no more queries after `grow()` than before; returns the count."""
    client.get(url, **headers)  # warm: sessions, content types, the audit head...
    before = queries_for(client, url, **headers)
    grow()
    after = queries_for(client, url, **headers)
    assert len(after) <= len(before), (
        f"{url}: {len(before)} queries with a few reports, {len(after)} with many:\n"
        + "\n".join(after[len(before) :][:10])
    )
    return len(after)
