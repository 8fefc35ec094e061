"""Every figure on the dashboard links to the list of exactly the reports it counts."""

import re
from html import unescape
from urllib.parse import quote

from fraudcase.performance import services
from fraudcase.performance.registry import Scope


def test_each_figure_link_lists_as_many_reports_as_it_says(client, unit, month, manager):
    client.force_login(manager)
    page = client.get(f"/performance/?month={month[0]:04d}-{month[1]:02d}").content.decode()
    links = re.findall(
        r'<a class="govuk-link" href="(/performance/reports/\?[^"]+)">([\d,]+)</a>', page
    )
    assert len(links) > 30
    checked = 0
    for href, figure in links:
        if int(figure.replace(",", "")) == 0 or "month%7C" not in href:
            continue
        listed = client.get(unescape(href))
        if "justification" in listed.content.decode():
            # A list holding the restricted report asks the reason first (DPA 2018 s.62).
            client.post(
                f"/reports/justify-list/?next={quote(unescape(href))}",
                {"justification": "Monthly performance meeting"},
            )
            listed = client.get(unescape(href))
        assert listed.status_code == 200, href
        refs = re.findall(r"<a class=\"govuk-link\" data-ref", listed.content.decode())
        assert len(refs) == int(figure.replace(",", "")), href
        checked += 1
    assert checked >= 10


def test_the_positive_outcome_figure_lists_the_charged_report(unit, month, manager):
    found = services.reports_behind(
        manager, Scope(*month), "outcome_rate", "month|outcome=positive"
    )
    assert list(found) == [unit["charged"]]


def test_the_list_exports_through_the_disclosure_gate(client, unit, month, manager):
    client.force_login(manager)
    url = (
        f"/performance/reports/?month={month[0]:04d}-{month[1]:02d}"
        "&measure=demand&figure=month|source=all&export=csv"
    )
    answer = client.get(url)
    # The list holds a restricted report: a reason is asked for first.
    assert "justification" in answer.content.decode()
    client.post(f"/reports/justify-list/?next={quote(url)}", {"justification": "Meeting"})
    answer = client.get(url)
    assert answer["Content-Type"].startswith("text/csv")
    assert len(answer.content.decode().strip().splitlines()) == 1 + 6
