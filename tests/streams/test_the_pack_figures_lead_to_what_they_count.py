"""Every figure of the pack leads to what it counts (issue 12 item 4), the other streams' too:
the cyber and victim-support figures list the reports behind them (routed reports are reports,
need-to-know applied); ILOR/EIO requests and Banking Protocol calls are not reports, so their
figures open the stream's own list filtered to exactly what the figure counts."""

import re
from datetime import date
from html import unescape

import pytest

from fraudcase.accounts.enums import HandlingMarking, Role
from fraudcase.reports.models import Report
from fraudcase.streams import services
from tests.conftest import _person

from .conftest import a_request, an_incident, bring_in, in_month, received, victim_row

pytestmark = pytest.mark.django_db

MONTH = "2026-11"
NOV_2 = date(2026, 11, 2)


@pytest.fixture
def reader(vft, ecu):
    """The unit's analyst: reads the pack and the streams' lists."""
    return _person("analyst2", Role.ANALYST, HandlingMarking.OFFICIAL_SENSITIVE, vft, ecu)


def _links(client, measure: str) -> dict[str, list[tuple[str, int]]]:
    """{row label: [(href, figure)]} of one measure's table on the dashboard for November."""
    page = client.get(f"/performance/?month={MONTH}").content.decode()
    section = page.split(f'id="{measure}"', 1)[1].split("</table>", 1)[0]
    found: dict[str, list[tuple[str, int]]] = {}
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", section, re.S):
        label = re.sub(r"<[^>]+>", "", row.split("</th>", 1)[0]).strip()
        found[label] = [
            (unescape(href), int(n.replace(",", "")))
            for href, n in re.findall(r'<a class="govuk-link" href="([^"]+)">([\d,]+)</a>', row)
        ]
    return found


def _listed(client, href: str) -> int:
    """How many rows the list behind a figure holds (its summary's number)."""
    answer = client.get(href)
    assert answer.status_code == 200, href
    summary = re.search(r"data-page-summary>([^<]*)<", answer.content.decode())
    assert summary, href
    numbers = re.findall(r"[\d,]+", summary[1])
    return int(numbers[-1].replace(",", "")) if "No " not in summary[1] else 0


def test_a_cyber_figure_lists_the_routed_reports_it_counts(client, write_package, reader):
    bring_in(
        write_package,
        [
            victim_row(1, fraud_type="NFIB52B", package_ref="P-NOV"),
            victim_row(2, crime_in_action="Y", package_ref="P-NOV"),
            victim_row(3, referral_type="VSO", package_ref="P-NOV"),
            victim_row(4, package_ref="P-NOV"),
        ],
        at=received(NOV_2),
    )
    client.force_login(reader)
    cyber = _links(client, "cyber_kpis")
    [(href, referrals), (href_in_action, in_action), *_] = cyber["2026-11"]
    assert "/performance/reports/" in href and "referrals" in href
    assert referrals == 2 and in_action == 1
    listed = client.get(href).content.decode()
    assert len(re.findall(r"data-ref", listed)) == 2
    assert len(re.findall(r"data-ref", client.get(href_in_action).content.decode())) == 1
    support = _links(client, "victim_support")
    [(href, referrals), *_] = support["2026-11"]
    assert referrals == 1
    assert len(re.findall(r"data-ref", client.get(href).content.decode())) == 1


def test_a_restricted_routed_report_is_neither_counted_nor_listed(
    client, write_package, reader, ecu, vft
):
    made = bring_in(
        write_package,
        [
            victim_row(1, fraud_type="NFIB52B", package_ref="P-NOV"),
            victim_row(2, fraud_type="NFIB52C", package_ref="P-NOV"),
        ],
        at=received(NOV_2),
    )
    protect_only = _person("vft-analyst", Role.ANALYST, HandlingMarking.OFFICIAL, vft)
    Report.objects.filter(pk=made[1].pk).update(restricted_to_team=ecu)
    client.force_login(protect_only)
    [(href, referrals), *_] = _links(client, "cyber_kpis")["2026-11"]
    assert referrals == 1
    listed = client.get(href).content.decode()
    assert made[0].local_reference in listed and made[1].local_reference not in listed


def test_banking_protocol_figures_open_the_calls_they_count(client, reader, fvo):
    for n, results in enumerate(
        [["arrest", "crime_recorded"], ["crime_recorded"], ["intelligence"], ["no_offence"]]
    ):
        an_incident(
            fvo,
            results=results,
            called_at=in_month(2026, 11, 3 + n),
            attended=n < 2,
            attended_at=in_month(2026, 11, 3 + n, 12) if n < 2 else None,
            safeguarded=n == 0,
        )
    an_incident(fvo, called_at=in_month(2026, 10, 3))  # October: not November's
    client.force_login(reader)
    november = dict(
        zip(
            ("calls", "attended", "safeguarded", "arrests", "crimes", "intelligence"),
            _links(client, "banking_protocol")["2026-11"],
            strict=False,
        )
    )
    assert november["calls"][1] == 4 and november["arrests"][1] == 1
    for name, (href, figure) in november.items():
        assert href.startswith("/streams/banking-protocol/?month=2026-11"), name
        assert _listed(client, href) == figure, name
    offences = services.filtered_incidents(reader, month=date(2026, 11, 1), result="offence")
    assert offences.count() == 2


def test_ilor_figures_open_the_requests_they_count(client, reader, ecu_investigator, ecu):
    a_request(ecu_investigator, ecu, received_on=date(2026, 11, 2), response_due=date(2026, 11, 20))
    done = a_request(ecu_investigator, ecu, received_on=date(2026, 11, 3))
    for move in ("accept", "send", "complete"):
        services.move_request(ecu_investigator, done.pk, move, on=date(2026, 11, 25))
    a_request(ecu_investigator, ecu, kind="ilor", received_on=date(2026, 11, 4))
    a_request(ecu_investigator, ecu, received_on=date(2026, 10, 4))  # October
    client.force_login(reader)
    page = client.get(f"/performance/?month={MONTH}").content.decode()
    section = page.split('id="ilor_demand"', 1)[1].split("</table>", 1)[0]
    figures = [
        (unescape(href), int(n))
        for href, n in re.findall(r'<a class="govuk-link" href="([^"]+)">(\d+)</a>', section)
    ]
    november = [(h, n) for h, n in figures if "month=2026-11" in h]
    assert len(november) >= 4
    for href, figure in november:
        assert href.startswith("/streams/ilor/?month=2026-11"), href
        assert _listed(client, href) == figure, href
    assert ("/streams/ilor/?month=2026-11&kind=eio", 2) in november
    assert ("/streams/ilor/?month=2026-11&kind=ilor", 1) in november
    assert ("/streams/ilor/?month=2026-11&kind=eio&due=overdue", 1) in november
    assert ("/streams/ilor/?month=2026-11&kind=eio&state=completed", 1) in november
