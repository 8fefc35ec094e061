"""Each role's menu shows the places it works in, and only those: every link opens for it."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from fraudcase import context
from fraudcase.accounts.models import Role, User

pytestmark = pytest.mark.django_db

EVERY_LINK = {
    "Home",
    "My cases",
    "Cases",
    "My tasks",
    "Assess",
    "Decide",
    "Evaluate",
    "Allocation",
    "Vulnerability",
    "Deadlines",
    "NFIB returns",
    "Find a report",
    "Series",
    "OCGs",
    "Performance",
    "Import",
    "Call for service",
    "To double-key",
    "Referral",
    "Other demand",
    "Asset recovery",
    "Administration",
}
# What each role sees. My cases is the investigator's; My tasks is for everyone who can be
# given tasks: case tasks (case workers and assessors), visits and contacts (the Protect team,
# specials and volunteers).
MENUS = {
    Role.ASSESSOR: [
        "Home",
        "My tasks",
        "Assess",
        "Deadlines",
        "Find a report",
        "Import",
        "Call for service",
        "To double-key",
        "Referral",
    ],
    Role.VFT_SUPERVISOR: [
        "Home",
        "Cases",
        "My tasks",
        "Decide",
        "Allocation",
        "Vulnerability",
        "Deadlines",
        "NFIB returns",
        "Find a report",
    ],
    Role.EVALUATOR: ["Home", "My tasks", "Evaluate", "Deadlines", "Find a report"],
    Role.INVESTIGATOR: [
        "Home",
        "My cases",
        "My tasks",
        "Deadlines",
        "Find a report",
        "Series",
        "OCGs",
        "Other demand",
    ],
    Role.FVO: [
        "Home",
        "My tasks",
        "Vulnerability",
        "Deadlines",
        "Find a report",
        "Other demand",
    ],
    Role.SAFEGUARDING: ["Home", "My tasks", "Find a report", "Other demand"],
    Role.SPECIAL: ["Home", "My tasks", "Find a report"],
    Role.VOLUNTEER: ["Home", "My tasks", "Find a report"],
    Role.FINANCIAL_INTELLIGENCE: [
        "Home",
        "Deadlines",
        "Find a report",
        "Other demand",
        "SARs",
        "Asset recovery",
    ],
    Role.ANALYST: [
        "Home",
        "NFIB returns",
        "Find a report",
        "Series",
        "OCGs",
        "Performance",
        "Other demand",
    ],
    Role.ECU_MANAGER: ["Home", "Find a report", "OCGs", "Performance", "Asset recovery"],
    Role.ADMINISTRATOR: ["Home", "Find a report", "Administration"],
}


def _menu(html: str) -> list[str]:
    """The menu's link texts, in order, from the service navigation."""
    nav = html.split('<ul class="govuk-service-navigation__list"', 1)[1].split("</ul>", 1)[0]
    links = nav.split('class="govuk-service-navigation__link"')[1:]
    return [
        re.sub(r"<[^>]+>", "", link.split(">", 1)[1].split("</a>", 1)[0]).strip() for link in links
    ]


def _user(role: str) -> User:
    return User.objects.create_user(
        f"a-{role}",
        password="correct-horse-battery",
        role=role,
        first_name="Alex",
        last_name="Example",
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
    )


def test_every_role_has_a_menu_written_down():
    assert set(MENUS) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_places_and_not_the_others(client, role):
    client.force_login(_user(role))
    html = client.get("/").content.decode()
    shown = _menu(html)
    assert shown == MENUS[role]
    assert not (EVERY_LINK - set(MENUS[role])) & set(shown)
    # The account, on the right of the header, for every role.
    assert "Alex Example" in html and f"({Role(role).label})" in html
    for words in ("Change password", "API tokens", "Sign out"):
        assert words in html


@pytest.mark.parametrize("role", list(Role))
def test_every_menu_link_opens_for_that_role(role):
    call_command("demo_data", "--victims", "12", "--quiet")
    browser = Client()
    browser.force_login(_user(role))
    for item in context.menu_items(role, is_staff=role == Role.ADMINISTRATOR):
        answer = browser.get(item["href"])
        assert answer.status_code == 200, (role, item["label"], answer.status_code)


def test_the_page_you_are_on_is_marked_in_the_menu(client):
    client.force_login(_user(Role.FVO))
    for address, place in (
        ("/tasks/mine/", "My tasks"),
        ("/vulnerability/", "Vulnerability"),
    ):
        html = client.get(address).content.decode()
        menu = html.split('<ul class="govuk-service-navigation__list"', 1)[1].split("</ul>", 1)[0]
        assert menu.count('aria-current="page"') == 1
        assert place in menu.split('aria-current="page"', 1)[1].split("</a>", 1)[0]


def test_a_place_whose_page_does_not_exist_yet_waits_without_breaking_the_menu(monkeypatch):
    # A row whose url name no page has yet is skipped, and the rest of the menu stands.
    monkeypatch.setattr(
        context,
        "PLACES",
        (*context.PLACES, context.Place("NFIB returns", "no-such-page", "signed_in")),
    )
    labels = [i["label"] for i in context.menu_items(Role.INVESTIGATOR)]
    assert "NFIB returns" not in labels and "My cases" in labels


def test_signed_out_pages_have_no_menu_and_no_account(client):
    html = client.get("/accounts/login/").content.decode()
    assert "govuk-service-navigation" not in html and "Sign out" not in html


def test_the_api_documentation_is_linked_as_for_developers_and_has_no_service_chrome(
    client, assessor
):
    client.force_login(assessor)
    assert "API documentation (for developers)" in client.get("/").content.decode()
    docs = client.get("/api/docs").content.decode()
    assert "govuk-service-navigation" not in docs and "govuk-template" not in docs
