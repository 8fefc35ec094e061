"""A series' network draws the persons too (issue 13 item 3: "reports, identifiers, suspects and
persons"): the same victim on several reports of the series is one node joined to each, in the
drawing, its table and the i2 chart; a report the reader may not see brings no victim, nor does
a restricted one (its victim's name is shown only on the report, once a reason is given)."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from fraudcase.accounts.enums import HandlingMarking
from fraudcase.linking import personrun
from fraudcase.linking.models import Series
from fraudcase.ocg import anx, network
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db

SAME = {"forename": "Edith", "surname": "Marsh", "dob": "1938-04-02"}


@pytest.fixture
def repeat(import_rows):
    """Four reports sharing a suspect's phone: the first and third have the same victim (a
    typo in the surname on the third); the second and fourth the same other victim, the
    fourth OFFICIAL-SENSITIVE."""
    # A package each: one package holds one report per victim (§5.1).
    import_rows((1, {"suspect_phone": "07700 900123", **SAME}))
    import_rows((2, {"suspect_phone": "07700900123", "forename": "Ron", "surname": "Hale"}))
    import_rows((3, {"suspect_phone": "+44 7700 900123", **SAME, "surname": "Marsch"}))
    import_rows((4, {"suspect_phone": "07700 900 123", "forename": "Ron", "surname": "Hale"}))
    personrun.link_persons()
    refs = list(Report.objects.order_by("id").values_list("local_reference", flat=True))
    Report.objects.filter(local_reference=refs[3]).update(
        handling_marking=HandlingMarking.OFFICIAL_SENSITIVE
    )
    return Series.objects.get(), refs


def test_the_series_network_joins_the_repeat_victims_reports(client, assessor, repeat):
    series, refs = repeat
    client.force_login(assessor)  # cleared to OFFICIAL: the fourth report is hidden
    text = client.get(reverse("series-detail", kwargs={"ref": series.reference})).content.decode()
    table = text.split("The network as a table", 1)[1]
    rows = [
        row
        for row in table.split('<tr class="govuk-table__row">')
        if "Same victim" in row and "Edith" in row
    ]
    assert len(rows) == 2 and refs[0] in rows[0] and refs[2] in rows[1]
    # Ron Hale's other report is hidden from this reader: one report of his is left, no node.
    network_table = table.split("</table>", 1)[0]
    assert not [r for r in network_table.split("</tr>") if "Same victim" in r and "Ron" in r]
    assert refs[3] not in text


def test_the_i2_chart_has_the_victim_joined_to_each_report(assessor, supervisor, repeat):
    series, refs = repeat
    for reader in (assessor, supervisor):
        net = network.series_network(reader, series)
        people = [e for e in net.entities if e.kind == "Victim"]
        # Ron Hale's second report is OFFICIAL-SENSITIVE: hidden from the assessor, and
        # restricted for the supervisor, who sees it but not, here, its victim.
        assert len(people) == 1, reader
        edith = next(e for e in people if "Edith" in e.label)
        joined = {link.end1 for link in net.links if link.end2 == edith.key}
        assert joined == {f"report:{refs[0]}", f"report:{refs[2]}"}
    root = ET.fromstring(anx.chart(network.series_network(supervisor, series)))  # noqa: S314
    assert "Victim" in {t.get("Name") for t in root.iter("EntityType")}
