"""The performance pack's Protect figures lead to the victims behind them (issue 12 item 4:
"every figure is a link"): victims on the NFIB lists by segment, under 18, referred by the
ECVCU, visits and contacts due and done, partner referrals, each for its period. The victims
are personal data: only those who work vulnerability follow the links (the VFT supervisor among
the pack's readers), each page is audited, and anyone else sees plain numbers and a 404."""

import re
from datetime import date, datetime
from html import unescape

import pytest

from fraudcase.accounts.enums import HandlingMarking, Role
from fraudcase.audit.models import AuditEvent
from fraudcase.victims.models import (
    PartnerReferral,
    VictimList,
    VictimListEntry,
    VulnerabilityAction,
)
from tests.conftest import _person

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists(fvo, supervisor):
    victim_list = VictimList.objects.create(filename="nov.csv", rows=5, added=5)
    entries = VictimListEntry.objects.bulk_create(
        VictimListEntry(
            victim_list=victim_list,
            row=i + 2,
            nfrc=f"NFRC2611{i:08d}",
            report_date=date(2026, 11, 3 + i),
            victim_type="Individual",
            forename="Test",
            surname=f"Victim{i}",
            dob=date(1940, 1, 1),
            status=status,
            under_18=i == 4,
        )
        for i, status in enumerate(["VS1", "VS1", "VS2", "VS4", "VS4"])
    )
    # An October victim is not November's.
    VictimListEntry.objects.create(
        victim_list=victim_list,
        row=9,
        nfrc="NFRC261099999999",
        report_date=date(2026, 10, 30),
        victim_type="Individual",
        surname="October",
        status="VS1",
    )
    for n, entry in enumerate(entries[:3]):
        VulnerabilityAction.objects.create(
            entry=entry,
            response="visit_fvo",
            assignee=fvo,
            due_on=date(2026, 11, 10 + n),
            state="done" if n == 0 else "open",
            decided_by=supervisor,
        )
    referral = PartnerReferral.objects.create(
        entry=entries[0], partner="age_uk", consent=True, referred_by=fvo
    )
    PartnerReferral.objects.filter(pk=referral.pk).update(
        referred_at=datetime.fromisoformat("2026-11-12T10:00:00+00:00")
    )
    return entries


def _protect_links(client) -> dict[str, tuple[str, int]]:
    """{row label: (href, figure)} of the month column of the Protect table."""
    page = client.get("/performance/?month=2026-11").content.decode()
    section = page.split('id="protect"', 1)[1].split("</table>", 1)[0]
    found = {}
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", section, re.S):
        label = re.sub(r"<[^>]+>", "", row.split("</th>", 1)[0]).strip()
        link = re.search(r'<a class="govuk-link" href="([^"]+)">(\d+)</a>', row)
        if link:
            found[label] = (unescape(link[1]), int(link[2]))
    return found


def test_each_protect_figure_lists_its_victims(client, lists, supervisor):
    client.force_login(supervisor)
    links = _protect_links(client)
    expected = {
        "Victims: VS1": 2,
        "Victims: VS2": 1,
        "Victims: VS4": 2,
        "Victims under 18": 1,
        "Visits and contacts due": 3,
        "Visits and contacts done": 1,
        "Partner referrals": 1,
    }
    assert {label: n for label, (_, n) in links.items()} == expected
    for label, (href, figure) in links.items():
        page = client.get(href)
        assert page.status_code == 200, label
        listed = re.findall(
            r'href="/vulnerability/victims/\d+/">(NFRC\d+)</a>', page.content.decode()
        )
        assert len(listed) == figure, label
    vs1 = client.get(links["Victims: VS1"][0]).content.decode()
    assert "NFRC2611" in vs1 and "NFRC261099999999" not in vs1
    assert AuditEvent.objects.filter(summary__contains="behind a Protect figure").exists()


def test_the_victims_export_to_a_spreadsheet(client, lists, supervisor):
    client.force_login(supervisor)
    href, _ = _protect_links(client)["Victims: VS4"]
    answer = client.get(href + "&export=csv")
    assert answer["Content-Type"].startswith("text/csv")
    lines = answer.content.decode().strip().splitlines()
    assert lines[0].startswith("nfrc,report_date,victim,segment") and len(lines) == 3


def test_readers_who_do_not_work_vulnerability_see_numbers_not_victims(client, lists, vft):
    analyst = _person("analyst", Role.ANALYST, HandlingMarking.OFFICIAL, vft)
    client.force_login(analyst)
    page = client.get("/performance/?month=2026-11").content.decode()
    section = page.split('id="protect"', 1)[1].split("</table>", 1)[0]
    assert "/vulnerability/figures/" not in section
    answer = client.get("/vulnerability/figures/?from=2026-11-01&to=2026-12-01&figure=status:VS1")
    assert answer.status_code == 404


def test_a_figure_that_does_not_exist_is_not_found(client, lists, supervisor):
    client.force_login(supervisor)
    for query in (
        "from=2026-11-01&to=2026-12-01&figure=status:VS9",
        "from=2026-11-01&to=2026-12-01&figure=everyone",
        "from=2026-12-01&to=2026-11-01&figure=under_18",
        "from=nonsense&to=2026-12-01&figure=under_18",
    ):
        assert client.get(f"/vulnerability/figures/?{query}").status_code == 404, query
