"""Move reports and victims on through the services, a handful at a time, so that a scale test's
page has more rows after growing (issue 16): assessed, decided, allocated; victims decided on
and given to an officer.
"""

from pathlib import Path
from tempfile import TemporaryDirectory

from fraudcase.cases import services as cases
from fraudcase.reports.models import Report, ReportStatus
from fraudcase.triage import services as triage
from fraudcase.triage.forms import AssessmentForm, as_form_data
from fraudcase.victims import services as victims
from fraudcase.victims.models import VictimList, VictimListEntry
from fraudcase.victims.synthetic import victim_list_frame


def _oldest(status: str, n: int) -> list[Report]:
    return list(Report.objects.filter(status=status).order_by("received_at", "pk")[:n])


def assess(assessor, n: int) -> list[Report]:
    """Assess the `n` oldest recorded reports as the assessment pages would (recommending
    allocation); returns them, now waiting for the supervisor's decision."""
    from tests.triage.test_assess_a_report import form

    _, scoring = triage.active_scoring()
    done = _oldest(ReportStatus.RECORDED, n)
    for report in done:
        answers = AssessmentForm(as_form_data(form()), scoring=scoring, prefill={})
        assert answers.is_valid(), answers.errors
        triage.record_assessment(assessor, report, answers.cleaned_data)
    return done


def decide(assessor, supervisor, n: int) -> list[Report]:
    """Assess `n` reports and have the supervisor send them for allocation."""
    reports = assess(assessor, n)
    for report in reports:
        report.refresh_from_db()
        triage.decide(supervisor, report, decision="allocate")
    return reports


def allocate(assessor, supervisor, investigator, team, n: int) -> list[Report]:
    """Take `n` reports from receipt to `investigator`'s caseload."""
    reports = decide(assessor, supervisor, n)
    for report in reports:
        report.refresh_from_db()
        cases.allocate(
            supervisor,
            report,
            investigator_id=investigator.pk,
            team_id=team.pk,
            override_reason="Over capacity for a scale test",
        )
    return reports


def victim_list(fvo, rows: int, *, seed: int) -> VictimList:
    """Import a synthetic victim list of `rows` victims (seeds give distinct NFRC numbers)."""
    with TemporaryDirectory() as folder:
        path = Path(folder) / f"victims-{seed}.csv"
        victim_list_frame(rows, seed=seed).write_csv(path)
        found, _ = victims.import_victim_list(path, user=fvo)
    return found


def give_tasks(fvo, pcso, entries: list[VictimListEntry]) -> None:
    """Decide a visit by the safeguarding PCSO for each victim, the task given to `pcso`."""
    outcome = victims.decide_many(
        fvo, [e.pk for e in entries], response="visit_pcso", assignee_id=pcso.pk
    )
    assert not outcome.refused, outcome.refused
