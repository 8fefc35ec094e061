"""An officer changes their own password from the link in the header."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_header_links_to_change_password(assessor, client):
    client.force_login(assessor)
    assert 'href="/accounts/password/"' in client.get("/").content.decode()


def test_an_officer_changes_their_password(assessor, client):
    client.force_login(assessor)
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and "govuk-input" in page.content.decode()
    done = client.post(
        "/accounts/password/",
        {
            "old_password": "correct-horse-battery",
            "new_password1": "plum-kettle-orbit-42",
            "new_password2": "plum-kettle-orbit-42",
        },
    )
    assert done.status_code == 302 and done.url == "/accounts/password/done/"
    assert "Password changed" in client.get(done.url).content.decode()
    assessor.refresh_from_db()
    assert assessor.check_password("plum-kettle-orbit-42")


def test_a_weak_new_password_is_refused_with_the_reason(assessor, client):
    client.force_login(assessor)
    page = client.post(
        "/accounts/password/",
        {
            "old_password": "correct-horse-battery",
            "new_password1": "aaaaaaaaaaaa",
            "new_password2": "aaaaaaaaaaaa",
        },
    )
    assert page.status_code == 200
    assert "at least 6 different characters" in page.content.decode()
    assessor.refresh_from_db()
    assert assessor.check_password("correct-horse-battery")


def test_the_old_password_is_needed(assessor, client):
    client.force_login(assessor)
    page = client.post(
        "/accounts/password/",
        {
            "old_password": "wrong",
            "new_password1": "plum-kettle-orbit-42",
            "new_password2": "plum-kettle-orbit-42",
        },
    )
    assert page.status_code == 200
    assessor.refresh_from_db()
    assert assessor.check_password("correct-horse-battery")
