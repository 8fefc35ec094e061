"""The pack's filing rates read a year of moves from a partial index that holds what they count
(issue 12: the pack in 2 s at 2,000,000 reports). A query only uses a partial index whose
condition it repeats: if the statuses counted change, the index must change with them."""

from fraudcase.performance import measures
from fraudcase.reports.models import StatusChange


def _condition(name: str) -> list[str]:
    index = next(i for i in StatusChange._meta.indexes if i.name == name)
    [(_, values)] = index.condition.children
    return sorted(str(v) for v in values)


def test_the_filing_statuses_are_the_ones_their_index_holds():
    assert _condition("statuschange_stopped_at") == sorted(str(s) for s in measures.STOPPED)
