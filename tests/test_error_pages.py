"""When a page cannot be shown, the user gets a GOV.UK page with the service's header and a way
back, never Django's bare page or a traceback; a record the user may not see looks exactly like
one that does not exist."""

import re
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_page_not_found_has_the_service_header_and_a_link_home(assessor, client):
    client.force_login(assessor)
    answer = client.get("/no-such-page/")
    html = answer.content.decode()
    assert answer.status_code == 404
    assert "<title>Page not found \u2013 fraudcase</title>" in html
    assert "govuk-generic-header" in html and "govuk-service-navigation" in html
    assert '<a class="govuk-link" href="/">Go to the home page</a>' in html


def test_a_report_the_user_may_not_see_gives_the_same_page_not_found(
    assessor, ecu, example_package, client
):
    import_nfib_package(example_package, user=assessor)
    hidden = Report.objects.order_by("pk").first()
    Report.objects.filter(pk=hidden.pk).update(restricted_to_team=ecu)
    client.force_login(assessor)
    refused = client.get(f"/reports/{hidden.local_reference}/")
    missing = client.get("/reports/FC/999999/26/")
    assert refused.status_code == missing.status_code == 404
    assert _without_tokens(refused.content.decode()) == _without_tokens(missing.content.decode())
    assert "Page not found" in refused.content.decode()


def test_a_page_while_the_database_is_down_shows_the_service_problem_page(assessor):
    client = Client(raise_request_exception=False)
    client.force_login(assessor)

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 1 failed: refused')

    with mock.patch.object(connection, "ensure_connection", refuse):
        answer = client.get("/reports/?q=smith")
    html = answer.content.decode()
    assert answer.status_code == 503 and answer["Retry-After"] == "30"
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in html
    assert "cannot reach its database" in html and 'href="/">Go to the home page' in html
    assert "govuk-generic-header" in html
    assert "govuk-service-navigation" not in html  # the menu needs the database
    assert "Traceback" not in html and "OperationalError" not in html


def test_an_unexpected_error_on_a_page_shows_the_service_problem_page(assessor, settings):
    client = Client(raise_request_exception=False)
    client.force_login(assessor)
    with mock.patch("fraudcase.reports.views.render", side_effect=RuntimeError("boom")):
        answer = client.get("/reports/")
    html = answer.content.decode()
    assert answer.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "boom" not in html and "cannot reach its database" not in html
