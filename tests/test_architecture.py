"""The layout a newcomer relies on: imports run one way, and the lifecycle speaks the enums."""

import subprocess
import sys
from pathlib import Path

from fraudcase.accounts.models import Role
from fraudcase.reports.models import ReportStatus
from fraudcase.reports.rules import LIFECYCLE, Transition

ROOT = Path(__file__).resolve().parents[1]


def test_no_app_imports_an_app_above_it():
    # The layers are in pyproject.toml ([tool.importlinter]) and docs/architecture.md.
    linter = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run(  # noqa: S603  (our own tool, fixed arguments)
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout[-3000:]


def test_every_move_of_the_lifecycle_starts_from_real_statuses_and_names_real_roles():
    assert set(LIFECYCLE) == set(Transition)
    for transition, (starts, roles) in LIFECYCLE.items():
        assert starts <= set(ReportStatus.values), transition
        assert roles <= {*Role.values, "system"}, transition


def test_every_status_but_the_first_can_be_reached_and_every_open_one_left():
    starts = set().union(*(s for s, _ in LIFECYCLE.values()))
    open_statuses = set(ReportStatus.values) - {ReportStatus.CLOSED}
    assert open_statuses <= starts
