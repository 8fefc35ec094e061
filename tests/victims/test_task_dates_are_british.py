"""The vulnerability pages take "today" in Britain, not the server's clock or UTC."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_task_list_turns_over_at_midnight_in_britain_not_utc(fvo, client, monkeypatch):
    # 23:30 UTC on the last Saturday of British Summer Time is 00:30 on Sunday in London.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 10, 24, 23, 30, tzinfo=UTC))
    client.force_login(fvo)
    response = client.get("/vulnerability/tasks/")
    assert response.status_code == 200
    assert response.context["today"] == date(2026, 10, 25)
