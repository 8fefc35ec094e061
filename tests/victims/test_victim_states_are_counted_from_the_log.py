"""Issue 16: a segment's count of victims in each state comes from the vulnerability log (the
few acted on), not from working out every victim's state; it agrees with the state each victim
is shown in."""

from collections import Counter
from datetime import date

import pytest

from fraudcase.victims import services
from fraudcase.victims.enums import VictimState
from tests import walk

pytestmark = pytest.mark.django_db


def test_the_counts_agree_with_each_victims_state(fvo, pcso):
    victim_list = walk.victim_list(fvo, 150, seed=46)
    vs3 = list(services.segment_entries(fvo, victim_list, "VS3").order_by("pk"))
    assert len(vs3) >= 6
    walk.give_tasks(fvo, pcso, vs3[:4])  # task sent
    services.decide_many(fvo, [vs3[4].pk], response="visit_pcso")  # decided, nobody yet
    for entry in vs3[:2]:  # a VS3 visit's result schedules a follow-up: contacted
        task = entry.actions.get()
        services.record_result(
            pcso, task, done_on=date(2026, 11, 20), result="Visited", financial_abuse=False
        )
    found = services.segment_entries(fvo, victim_list, "VS3")
    shown = Counter(e.state for e in found)
    counted = services.state_counts(found)
    assert counted == {s.value: shown.get(s.value, 0) for s in VictimState}
    assert counted["decided"] == 1 and counted["task_sent"] == 2
    assert counted["not_actioned"] == len(vs3) - 5
