"""Issue 15 item 1: people and things on every report, whatever its source (the POLE model).
"Suspects from a call for service or a referral are as good as those from NFIB": a suspect an
officer records is found by search and links the report into a series by its identifiers,
however they were written; removing it, with a reason, takes it out of both."""

import pytest

from fraudcase.audit.models import AuditEvent
from fraudcase.intake.importing import import_nfib_package
from fraudcase.investigation import nominals
from fraudcase.investigation.models import Nominal
from fraudcase.linking.models import SeriesMember
from fraudcase.reports import services as report_services
from fraudcase.reports.models import Identifier, Report
from tests.conftest import call_for_service, victim_row

pytestmark = pytest.mark.django_db

# The same mobile as an NFIB package wrote it and as the caller gave it.
AS_NFIB_WROTE_IT = "+44 7700 900123"
AS_THE_CALLER_GAVE_IT = "07700-900-123"


@pytest.fixture
def nfib_report(write_package, supervisor):
    """A report from an NFIB package whose suspect used the mobile."""
    path = write_package([victim_row(1, suspect_name="Dan Crook", suspect_phone=AS_NFIB_WROTE_IT)])
    import_nfib_package(path, user=supervisor)
    return Report.objects.get(nfrc_numbers__number=victim_row(1)["nfrc"])


@pytest.fixture
def cfs_report(assessor):
    return call_for_service(assessor).report


def _suspect(user, report, phone=AS_THE_CALLER_GAVE_IT, name="Daniel Crook"):
    return nominals.record(
        user,
        report,
        nominals.Entry(kind="person", role="suspect", name=name, identifiers=[("phone", phone)]),
        reason="The caller named him and gave his number",
    )


def _series(report):
    member = SeriesMember.objects.filter(report=report).first()
    return member.series_id if member else None


def test_a_suspect_added_to_a_call_for_service_is_found_by_search(assessor, cfs_report):
    _suspect(assessor, cfs_report)
    found = report_services.search_reports(assessor, "07700 900123")
    assert cfs_report in found
    # ... and by the suspect's name, as a package's suspect is.
    assert cfs_report in report_services.search_reports(assessor, "Crook")


def test_it_joins_a_series_with_an_nfib_report_by_the_phone_in_another_format(
    assessor, cfs_report, nfib_report
):
    assert _series(cfs_report) is None
    _suspect(assessor, cfs_report)
    assert _series(cfs_report) is not None
    assert _series(cfs_report) == _series(nfib_report)


def test_removing_it_with_a_reason_unlinks_it_and_search_no_longer_finds_it(
    assessor, cfs_report, nfib_report
):
    n = _suspect(assessor, cfs_report)
    nominals.remove(assessor, cfs_report, n.pk, reason="Wrong number: it was the victim's son")
    assert _series(cfs_report) is None
    assert _series(nfib_report) is None  # a series of one is no series
    assert cfs_report not in report_services.search_reports(assessor, "07700 900123")
    n.refresh_from_db()
    assert n.removed_at is not None and n.removed_reason.startswith("Wrong number")
    assert not Identifier.objects.filter(report=cfs_report).exists()


def test_a_suspect_changed_to_a_witness_leaves_search_and_linking(
    assessor, cfs_report, nfib_report
):
    n = _suspect(assessor, cfs_report)
    nominals.change(
        assessor,
        cfs_report,
        n.pk,
        nominals.Entry(kind="person", role="witness", name="Daniel Crook"),
        reason="He saw it happen; he did not do it",
    )
    assert _series(cfs_report) is None
    assert not cfs_report.suspects.exists()


def test_a_removal_needs_a_reason(assessor, cfs_report):
    from fraudcase.core.errors import InvalidInput

    n = _suspect(assessor, cfs_report)
    with pytest.raises(InvalidInput):
        nominals.remove(assessor, cfs_report, n.pk, reason=" ")


def test_every_change_is_on_the_timeline_and_in_the_audit_log_with_its_reason(assessor, cfs_report):
    n = _suspect(assessor, cfs_report)
    nominals.remove(assessor, cfs_report, n.pk, reason="Duplicate entry")
    texts = list(cfs_report.log_entries.values_list("text", flat=True))
    assert any("Suspect Daniel Crook recorded" in t and "caller named him" in t for t in texts)
    assert any("Suspect Daniel Crook removed. Reason: Duplicate entry" in t for t in texts)
    events = AuditEvent.objects.filter(
        object_type="nominals", object_ref=cfs_report.local_reference
    )
    assert {e.justification for e in events} >= {"Duplicate entry"}


def test_a_witness_object_location_and_event_are_kept_on_a_referral_or_any_report(
    assessor, cfs_report
):
    for kind, role, name in [
        ("person", "witness", "Mrs Ada Lovelace"),
        ("organisation", "other", "Example Bank plc"),
        ("object", "", "Envelope of cash"),
        ("location", "", "1 High Street, Leicester"),
        ("event", "", "Courier collection on 3 November"),
    ]:
        nominals.record(
            assessor,
            cfs_report,
            nominals.Entry(kind=kind, role=role, name=name),
            reason="From the caller's account",
        )
    kept = nominals.people(cfs_report)
    assert len(kept.recorded) == 5
    # Only a suspect becomes one of the report's suspects (searched and linked).
    assert not cfs_report.suspects.exists()
    assert Nominal.objects.get(name="Envelope of cash").role == ""


def test_an_identifier_that_cannot_be_read_is_refused_naming_it(assessor, cfs_report):
    from fraudcase.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        _suspect(assessor, cfs_report, phone="not a number")
    assert "phone" in refused.value.problems
    assert not Nominal.objects.exists()


def test_a_suspect_from_the_package_is_taken_on_and_changed(supervisor, nfib_report):
    taken = nfib_report.suspects.get()
    nominals.record(
        supervisor,
        nfib_report,
        nominals.Entry(
            kind="person",
            role="suspect",
            name="Daniel Crook",
            identifiers=[("phone", AS_NFIB_WROTE_IT), ("email", "dan@example.com")],
        ),
        reason="Full name from the bank",
        suspect_id=taken.pk,
    )
    taken.refresh_from_db()
    assert taken.name == "Daniel Crook"
    assert nfib_report in report_services.search_reports(supervisor, "dan@example.com")
    assert nominals.people(nfib_report).from_source == []


def test_erasing_the_report_erases_its_people_and_things(
    assessor, administrator, cfs_report, nfib_report
):
    _suspect(assessor, cfs_report)
    nominals.record(
        assessor,
        cfs_report,
        nominals.Entry(
            kind="person", role="witness", name="Ada", identifiers=[("email", "a@example.com")]
        ),
        reason="Named by the caller",
    )
    report_services.erase_personal_data(administrator, cfs_report, "Subject access: erasure")
    assert set(Nominal.objects.filter(report=cfs_report).values_list("name", flat=True)) == {
        report_services.ERASED
    }
    assert not Nominal.objects.filter(report=cfs_report, identifiers__isnull=False).exists()
    assert _series(nfib_report) is None
