"""Seed 001 §6.6 step 5: an account saying the victim was defrauded before makes a VS2.

The phrases are a list an administrator edits in /admin/ (defaults from a data migration);
the command-line scan without Django uses the defaults in `rules.REPEAT_PHRASES`.
"""

import json
from datetime import date

import polars as pl
import pytest
from django.core.management import call_command

from fraudcase.victims import rules
from fraudcase.victims.models import RepeatPhrase, VictimListEntry
from fraudcase.victims.rules import VulnerabilityStatus as S
from fraudcase.victims.scanning import scan_to_frame, scan_victim_list
from tests.victims.test_scan_victim_list import row, write_list


def assess(narrative, phrases=rules.REPEAT_PHRASES, **overrides):
    args = {
        "referred": False,
        "individual": True,
        "dob": date(1980, 1, 1),
        "report_date": date(2026, 10, 2),
        "repeat": False,
        "direct_contact": False,
        "segment": "",
        "narrative": narrative,
        "repeat_phrases": phrases,
    }
    args.update(overrides)
    return rules.vulnerability_status(**args)


@pytest.mark.parametrize(
    ("narrative", "expected", "said"),
    [
        ("This is the SECOND TIME I have lost money", S.VS2, ("second time",)),
        (
            "It happened again, and I was scammed before",
            S.VS2,
            ("scammed before", "happened again"),
        ),
        ("Previously defrauded in 2024", S.VS2, ("previously defrauded",)),
        ("Lost money again this year", S.VS2, ("again this year",)),
        ("Paid for a console that never came", S.NONE, ()),
        ("A second, different time", S.NONE, ()),  # the words apart are not the phrase
    ],
)
def test_an_account_saying_the_victim_was_defrauded_before_is_vs2(narrative, expected, said):
    found = assess(narrative)
    assert (found.status, found.said_before) == (expected, said)


def test_the_first_rule_still_wins_over_the_account():
    assert assess("second time", dob=date(1950, 1, 1)).status == S.VS4
    assert assess("second time", referred=True).status == S.REFERRED
    assert assess("second time", individual=False).status == S.BUSINESS
    # VS2 outranks VS1: a search term as well does not lower it.
    assert assess("second time with my carer").status == S.VS2


def test_the_reason_says_in_words_that_the_account_says_so():
    assert rules.said_before_reason(["second time"]) == (
        "The account says the victim was defrauded before: 'second time'"
    )


def test_the_scan_gives_vs2_and_the_reason_in_words(tmp_path):
    rows = [
        row(1, narrative="Fake shop again; this is the Second Time"),
        row(2, narrative="Happened again. Scammed before too"),
        row(3, narrative="Bought a sofa online"),
    ]
    result = scan_victim_list(write_list(tmp_path, rows), out=tmp_path / "out.csv")
    out = pl.read_csv(tmp_path / "out.csv", infer_schema=False)
    assert out["status"].to_list() == ["VS2", "VS2", "NONE"]
    reasons = [r.split("; ") for r in out["reasons"]]
    assert reasons[0] == [
        "Aged 46 on the report date",
        "The account says the victim was defrauded before: 'second time'",
    ]
    assert (
        "The account says the victim was defrauded before: 'scammed before', 'happened again'"
        in reasons[1]
    )
    assert result.repeat_victims == 2 and result.repeat_phrases == "defaults"


def test_a_scan_given_another_list_uses_it_and_agrees_with_the_rule(tmp_path):
    rows = [row(1, narrative="I was conned before"), row(2, narrative="second time")]
    phrases = ("Conned before",)
    _, frame = scan_to_frame(write_list(tmp_path, rows), repeat_phrases=phrases)
    assert frame["status"].to_list() == ["VS2", "NONE"]
    assert rules.said_before_reason(["Conned before"]) in frame["reasons"][0].split("; ")
    for r, status in zip(rows, frame["status"], strict=True):
        assert assess(r["narrative"], phrases).status == status


@pytest.mark.django_db
def test_the_defaults_are_in_the_administrators_list():
    assert tuple(RepeatPhrase.objects.values_list("phrase", flat=True)) == rules.REPEAT_PHRASES


@pytest.mark.django_db
def test_an_administrator_adds_a_phrase_and_the_web_upload_uses_it(
    administrator, fvo, client, tmp_path
):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    added = client.post(
        "/admin/victims/repeatphrase/add/", {"phrase": "  Conned   before ", "active": "on"}
    )
    assert added.status_code == 302
    assert RepeatPhrase.objects.filter(phrase="Conned before").exists()
    RepeatPhrase.objects.filter(phrase="second time").update(active=False)
    client.force_login(fvo)
    listed = write_list(
        tmp_path, [row(1, narrative="I was CONNED BEFORE"), row(2, narrative="the second time")]
    )
    with listed.open("rb") as handle:
        client.post("/vulnerability/", {"file": handle})
    entries = {e.row: e for e in VictimListEntry.objects.all()}
    assert entries[2].status == "VS2"
    assert entries[2].reasons.endswith(
        "; The account says the victim was defrauded before: 'Conned before'"
    )
    assert entries[3].status == "NONE"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("phrase", "problem"),
    [("déjà volé", "plain letters"), ("SECOND TIME", "already in the list"), ("   ", "required")],
)
def test_an_administrator_cannot_add_a_phrase_the_scan_cannot_match(
    administrator, client, phrase, problem
):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    page = client.post("/admin/victims/repeatphrase/add/", {"phrase": phrase, "active": "on"})
    assert page.status_code == 200 and problem in page.content.decode()
    assert RepeatPhrase.objects.count() == len(rules.REPEAT_PHRASES)


@pytest.mark.django_db
def test_the_command_uses_the_administrators_list_with_a_user_and_the_defaults_without(
    tmp_path, fvo, capsys
):
    RepeatPhrase.objects.create(phrase="been had before")
    path = write_list(tmp_path, [row(1, narrative="I have been had before")])
    call_command(
        "victims_scan", str(path), "--out", str(tmp_path / "a.csv"), "--json", "--user", "fvo"
    )
    with_user = json.loads(capsys.readouterr().out)
    assert (with_user["repeat_phrases"], with_user["counts"]["VS2"]) == ("database", 1)
    call_command("victims_scan", str(path), "--out", str(tmp_path / "b.csv"))
    plain = capsys.readouterr().out
    assert "VS2 0" in plain and "default repeat-victim phrases" in plain
