"""A network as an i2 Analyst's Notebook chart (.anx): the ANX XML exchange format, written with
xml.etree (no i2 software needed to make one; Analyst's Notebook opens it).

The chart declares its entity types (each with a standard icon) and one link type, then one
ChartItem per entity (an Icon entity, laid out on a grid) and one per link (End1Id/End2Id name
the entities' ids). Labels and descriptions are the only text; nothing else is disclosed.
"""

import xml.etree.ElementTree as ET

from .network import Network

# i2's standard icon names for the entity types a network holds.
ICONS = {
    "Organised crime group": "Organisation",
    "Person": "Person",
    "Victim": "Victim",
    "Professional enabler": "Solicitor",
    "Suspect": "Anonymous",
    "Report": "Document",
    "Series": "Folder",
    "Telephone": "Phone",
    "E-mail address": "Email",
    "Website": "Web Site",
    "Bank account": "Account",
    "Identifier": "Information",
}
LINK_TYPE = "Link"
# Grid layout: entities in rows of this many, this far apart (chart units).
PER_ROW = 8
STEP = 150


def chart(net: Network) -> bytes:
    """The network as ANX XML, UTF-8, with its declaration."""
    root = ET.Element("Chart", {"Rigorous": "true", "IdReferenceLinking": "false"})
    summary = ET.SubElement(root, "Summary")
    ET.SubElement(summary, "Title").text = net.title
    types = ET.SubElement(root, "EntityTypeCollection")
    for kind in dict.fromkeys(e.kind for e in net.entities):
        ET.SubElement(
            types, "EntityType", {"Name": kind, "IconFile": ICONS.get(kind, "Information")}
        )
    link_types = ET.SubElement(root, "LinkTypeCollection")
    ET.SubElement(link_types, "LinkType", {"Name": LINK_TYPE, "Colour": "0"})
    items = ET.SubElement(root, "ChartItemCollection")
    ids = {}
    for n, entity in enumerate(net.entities):
        ids[entity.key] = f"E{n + 1}"
        item = ET.SubElement(
            items,
            "ChartItem",
            {
                "Label": entity.label,
                "Description": entity.description,
                "XPosition": str((n % PER_ROW) * STEP),
                "DateSet": "false",
            },
        )
        end = ET.SubElement(item, "End", {"Y": str((n // PER_ROW) * STEP)})
        node = ET.SubElement(
            end,
            "Entity",
            {"EntityId": ids[entity.key], "Identity": entity.key, "LabelIsIdentity": "false"},
        )
        icon = ET.SubElement(node, "Icon")
        ET.SubElement(icon, "IconStyle", {"Type": entity.kind})
    for n, link in enumerate(net.links):
        if link.end1 not in ids or link.end2 not in ids:
            continue
        item = ET.SubElement(
            items, "ChartItem", {"Label": link.label, "DateSet": "false", "Id": f"L{n + 1}"}
        )
        node = ET.SubElement(item, "Link", {"End1Id": ids[link.end1], "End2Id": ids[link.end2]})
        ET.SubElement(node, "LinkStyle", {"Type": LINK_TYPE, "ArrowStyle": "ArrowNone"})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
