"""The victim list scan's VS2 "repeat victim" (seed 001 §6.6 step 5) counts a report held for
the same person by the person run, not only the exact name and date of birth; a held report
the user may not see is not counted (issue 13, "Need to know")."""

from datetime import UTC, datetime

import polars as pl
import pytest

from fraudcase.intake.importing import import_nfib_package
from fraudcase.linking.models import PersonMember
from fraudcase.reports.models import Report
from fraudcase.victims.scanning import DEFAULT_COLUMNS, scan_victim_list
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db

JO = {"forename": "Jo", "surname": "Bloggs", "dob": "1980-01-01", "postcode": "LE2 7QT"}
LIST_ROW = {
    "nfrc": "NFRC261000000002",
    "report_date": "2026-10-05",
    "victim_type": "Individual",
    "forename": "Joe",
    "surname": "Blogs",
    "dob": "1980-01-01",
    "postcode": "LE2 7QT",
    "loss_gbp": "10.00",
    "referred_for_investigation": "N",
    "contact_method": "Online",
    "narrative": "",
}


@pytest.fixture
def held(write_package, supervisor):
    """Jo Bloggs reported in March; in October again, misspelt "Joe Blogs" (NFRC ...0002)."""
    import_nfib_package(
        write_package(
            [
                victim_row(
                    1,
                    package_ref="P-MARCH",
                    disseminated_on="2026-03-01",
                    phone="07700900222",
                    **JO,
                )
            ]
        ),
        user=supervisor,
        received_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        received_reason="Received in March; imported for this test later",
    )
    import_nfib_package(
        write_package(
            [
                victim_row(
                    2,
                    package_ref="P-OCT",
                    phone="+44 7700 900222",
                    **{**JO, "forename": "Joe", "surname": "Blogs"},
                )
            ]
        ),
        user=supervisor,
    )


def scan(tmp_path, user):
    path = tmp_path / "list.csv"
    pl.DataFrame(
        [{c: LIST_ROW.get(c, "") for c in DEFAULT_COLUMNS}],
        schema=dict.fromkeys(DEFAULT_COLUMNS, pl.String),
    ).write_csv(path)
    scan_victim_list(path, out=tmp_path / "out.csv", user=user)
    return pl.read_csv(tmp_path / "out.csv", infer_schema=False)


def test_a_misspelt_repeat_held_is_vs2_by_its_person_link(tmp_path, held, supervisor):
    assert len(set(PersonMember.objects.values_list("person_id", flat=True))) == 1
    out = scan(tmp_path, supervisor)
    assert out["status"].to_list() == ["VS2"]
    assert "1 reports already held" in out["reasons"][0]
    # Without the person link the exact name and date of birth find nothing.
    PersonMember.objects.all().delete()
    assert scan(tmp_path, supervisor)["status"].to_list() == ["NONE"]


def test_a_linked_report_the_user_may_not_see_does_not_count(tmp_path, held, assessor):
    Report.objects.filter(victim__surname="Bloggs").update(handling_marking="OFFICIAL-SENSITIVE")
    assert scan(tmp_path, assessor)["status"].to_list() == ["NONE"]
