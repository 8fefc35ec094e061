"""A case to investigate: a report brought in through the real import and walked to the
VFT investigator's caseload through the services users go through."""

import pytest

from fraudcase.accounts.models import HandlingMarking, Role
from tests import walk
from tests.conftest import _person
from tests.scale import more_reports


@pytest.fixture
def case(assessor, supervisor, vft_investigator, vft):
    """A report allocated to the VFT investigator (the officer in the case)."""
    more_reports(2, seed=151)
    return walk.allocate(assessor, supervisor, vft_investigator, vft, 1)[0]


@pytest.fixture
def other_investigator(vft):
    """Another investigator in the same team: sees the case, is not its officer."""
    return _person("other_investigator", Role.INVESTIGATOR, HandlingMarking.OFFICIAL, vft)


def file_url(report, part: str) -> str:
    return f"/reports/{report.local_reference}/investigation/{part}"
