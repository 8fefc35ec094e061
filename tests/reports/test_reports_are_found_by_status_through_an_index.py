"""The assessment queue and the allocation board read one status, oldest received first: an
index on (status, received_at) serves them, on both databases (issue 16)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_report_table_has_an_index_on_status_then_received():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "intake_report")
    assert any(
        c["index"] and c["columns"] == ["status", "received_at"] for c in constraints.values()
    )
