"""An OCG (and a series) exported as an i2 Analyst's Notebook chart (.anx): well-formed ANX XML
with every report, nominal and identifier as an entity with its icon, and the links between
them."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from fraudcase.audit.models import AuditEvent
from fraudcase.ocg import services

pytestmark = pytest.mark.django_db


def _chart(content: bytes):
    root = ET.fromstring(content)  # noqa: S314 (our own output) - raises if not well-formed
    assert root.tag == "Chart"
    items = root.find("ChartItemCollection")
    entities = {}
    for item in items.iter("ChartItem"):
        entity = item.find("End/Entity")
        if entity is not None:
            icon = entity.find("Icon/IconStyle").get("Type")
            entities[entity.get("EntityId")] = (item.get("Label"), icon)
    links = set()
    for link in items.iter("Link"):
        ends = entities[link.get("End1Id")][0], entities[link.get("End2Id")][0]
        links.add(ends)
    types = {t.get("Name") for t in root.iter("EntityType")}
    return entities, links, types


def test_the_chart_holds_every_report_nominal_and_identifier_and_their_links(
    client, analyst, chain
):
    series, refs = chain
    ocg = services.create_ocg(analyst, name="Courier gang", series_reference=series.reference)
    services.add_nominal(analyst, ocg, name="Daniel Crook", role="principal")
    services.add_nominal(
        analyst, ocg, name="Alex Ledger", role="professional_enabler", profession="Accountant"
    )
    client.force_login(analyst)
    answer = client.get(reverse("ocg-chart", kwargs={"ocg_ref": ocg.reference}))
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == f'attachment; filename="{ocg.reference}.anx"'
    assert answer.content.startswith(b"<?xml")
    entities, links, types = _chart(answer.content)
    labels = dict(entities.values())
    for ref in refs:
        assert labels[ref] == "Report"
        assert ("Courier gang", ref) in links
    assert labels["Daniel Crook"] == "Person" and labels["Alex Ledger"] == "Professional enabler"
    assert ("Courier gang", "Daniel Crook") in links and ("Courier gang", "Alex Ledger") in links
    for identifier in ("+447700900123", "hidden@example.com", "crook-shop.co.uk"):
        assert identifier in labels
    assert (refs[0], "+447700900123") in links and (refs[1], "+447700900123") in links
    assert (refs[1], "hidden@example.com") in links and (refs[2], "hidden@example.com") in links
    assert (refs[2], "crook-shop.co.uk") in links
    assert ("Courier gang", series.reference) in links
    assert {"Report", "Person", "Telephone", "E-mail address", "Website"} <= types
    assert AuditEvent.objects.filter(
        object_ref=ocg.reference, action="disclosure", summary__contains="i2 chart"
    ).exists()


def test_a_series_is_charted_too(client, analyst, chain):
    series, refs = chain
    client.force_login(analyst)
    page = client.get(reverse("series-detail", kwargs={"ref": series.reference})).content.decode()
    url = reverse("series-chart", kwargs={"reference": series.reference})
    assert url in page
    entities, links, _ = _chart(client.get(url).content)
    labels = {label for label, _ in entities.values()}
    assert set(refs) <= labels and (refs[0], "+447700900123") in links
