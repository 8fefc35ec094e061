import pytest

from fraudcase.intake.importing import import_nfib_package
from fraudcase.linking.models import SeriesMember
from tests.conftest import victim_row


@pytest.fixture
def import_rows(write_package, supervisor):
    """Import rows (victim_row numbers with overrides) as one package; their report ids."""
    counter = iter(range(1, 100))

    def run(*rows):
        package = f"NFIB-LINK-{next(counter)}"
        path = write_package([victim_row(n, package_ref=package, **extra) for n, extra in rows])
        import_nfib_package(path, user=supervisor)

    return run


def series_of():
    """{series id: sorted NFRC-numbered victims' surnames}: who is in which series."""
    out: dict[int, list[str]] = {}
    for series_id, surname in SeriesMember.objects.values_list(
        "series_id", "report__victim__surname"
    ):
        out.setdefault(series_id, []).append(surname)
    return sorted(sorted(v) for v in out.values())
