import pytest

from fraudcase.intake.importing import import_nfib_package
from fraudcase.linking.models import SeriesMember
from fraudcase.reports.models import Report
from tests.conftest import victim_row

from .margaret import MARGARET, others


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


@pytest.fixture
def margaret(import_rows):
    """Margaret reported four times, written four ways, and another Margaret Thompson born in
    1980; then three other people. Imported as two packages (the second linked incrementally
    against the first; a package holds one report per victim, so the repeats are spread)."""
    import_rows(
        (1, MARGARET),
        (2, {**MARGARET, "surname": "Thomspon", "phone": "+44 7700 900111", "email": ""}),
        (4, others(4)),
    )
    import_rows(
        (3, {**MARGARET, "forename": "MARGARET", "surname": "THOMPSON", "postcode": "le27qt"}),
        (6, {**MARGARET, "dob": "1980-11-23", "postcode": "NG7 2RD", "phone": "", "email": ""}),
        (7, others(7)),
    )
    import_rows(
        (5, {**MARGARET, "dob": "", "email": "M.Thompson@Example.COM", "phone": ""}),
        (8, others(8)),
    )
    # In the order of the rows' numbers.
    by_nfrc = dict(Report.objects.values_list("nfrc_numbers__number", "local_reference"))
    return [by_nfrc[f"NFRC26100000{n:04d}"] for n in range(1, 9)]
