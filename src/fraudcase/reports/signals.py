"""Signals the reports app offers to apps above it (docs/architecture.md, "How a lower app
reaches a higher one")."""

from django.dispatch import Signal

# NFRC numbers were added in bulk to reports that already existed (an NFIB package naming a
# victim already recorded): `report_ids`, a list. Row-by-row additions send post_save.
nfrcs_added = Signal()
