"""SARs scanned for vulnerable victims with the victim lists' App. C rules (ages, search terms,
repeat victims), each producing a referral to the vulnerability team that carries the victim
and the reason but not the SAR or its reporter ("the source of the intelligence is
protected", §7.2)."""

from datetime import date

import polars as pl
import pytest

from fraudcase.finance import importing, rules
from fraudcase.finance.models import Sar, SarVictimReferral
from tests.finance.conftest import a_sar

pytestmark = pytest.mark.django_db

DISCLOSED = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("dob", "account", "status"),
    [
        (date(1951, 11, 2), "Transfers abroad", "VS4"),  # 75 on the day of disclosure
        (date(1951, 11, 3), "Transfers abroad", "VS3"),  # 74 until the next day
        (date(1956, 11, 3), "Transfers abroad", None),  # 69
        (date(1980, 1, 1), "Sent money via Western Union to a romance contact", "VS1"),
        (date(1980, 1, 1), "Customer says she was scammed before", "VS2"),
        (None, "Transfers abroad", None),
        (date(2010, 1, 1), "Transfers abroad", "VS1"),  # under 18
    ],
)
def test_the_scan_applies_the_victim_lists_rules(dob, account, status):
    found = rules.victim_scan(victim_dob=dob, disclosed_on=DISCLOSED, account=account)
    assert (found[0] if found else None) == status


def test_a_vulnerable_victim_is_referred_without_the_sar(client, finint, fvo):
    sar = a_sar(
        finint,
        "2026-0004711",
        disclosed_on=DISCLOSED,
        reason="Elderly customer moving savings to a new payee",
        victim_name="Edith Marsh",
        victim_dob=date(1940, 5, 1),
        victim_postcode="le2 7qt",
    )
    a_sar(
        finint,
        "2026-0004712",
        disclosed_on=DISCLOSED,
        victim_name="Young Adult",
        victim_dob=date(1990, 1, 1),
    )
    referral = SarVictimReferral.objects.get()
    assert Sar.objects.get(pk=sar.pk).victim_referral == referral
    assert (referral.victim_name, referral.victim_postcode, referral.status) == (
        "Edith Marsh",
        "LE2 7QT",
        "VS4",
    )
    assert "Aged 86" in referral.reason and "Elderly" in referral.reason
    client.force_login(fvo)
    # The Fraud Vulnerability Officer finds the referrals from the vulnerability workbench.
    assert 'href="/finance/victim-referrals/"' in client.get("/vulnerability/").content.decode()
    page = client.get("/finance/victim-referrals/").content.decode()
    api = client.get("/api/v1/sar-victim-referrals").content.decode()
    for shown in (page, api):
        assert "Edith Marsh" in shown
        for secret in ("2026-0004711", "Castle Bank", "Marcus Hale", "savings", "finint"):
            assert secret not in shown
    # The FVO still cannot see the SAR itself.
    assert client.get("/finance/sars/2026-0004711/").status_code == 404


def test_imported_sars_are_scanned_once(tmp_path, finint):
    rows = [
        {
            "ukfiu_reference": f"2026-000000{n}",
            "disclosed_on": "2026-11-02",
            "reporting_institution": "Castle Bank",
            "subjects": "Marcus Hale",
            "reason": "Funds moved" if n else "Frail customer, cash withdrawals",
            "victim_name": f"Victim {n}",
            "victim_dob": "1990-01-01",
            "victim_postcode": "LE1 1AA",
        }
        for n in range(3)
    ]
    path = tmp_path / "sars.csv"
    pl.DataFrame(rows).write_csv(path)
    importing.import_sars(path, user=finint)
    importing.import_sars(path, user=finint)
    assert list(SarVictimReferral.objects.values_list("victim_name", "status")) == [
        ("Victim 0", "VS1")
    ]


def test_other_roles_do_not_see_the_referrals(client, assessor):
    client.force_login(assessor)
    assert client.get("/finance/victim-referrals/").status_code == 404
    assert client.get("/api/v1/sar-victim-referrals").status_code == 404


def test_a_victim_badly_written_refuses_the_file(tmp_path, finint):
    row = {
        "ukfiu_reference": "2026-0000001",
        "disclosed_on": "2026-11-02",
        "reporting_institution": "Castle Bank",
        "subjects": "Marcus Hale",
        "reason": "Funds moved",
        "victim_name": "",
        "victim_dob": "someday",
        "victim_postcode": "NOT A POSTCODE",
    }
    path = tmp_path / "sars.csv"
    pl.DataFrame([row]).write_csv(path)
    from fraudcase.core.errors import FileRejected

    with pytest.raises(FileRejected) as refused:
        importing.import_sars(path, user=finint)
    assert [(p.row, p.column) for p in refused.value.problems] == [
        (2, "victim_name"),
        (2, "victim_dob"),
        (2, "victim_postcode"),
    ]
    assert not Sar.objects.exists()


# ---------------------------------------------------------------- repeat victims (App. C VS2)


@pytest.fixture
def held_report(write_package, assessor):
    """Joan Nowak, 46, already a victim on a report received today."""
    from fraudcase.intake.importing import import_nfib_package
    from fraudcase.reports.models import Report
    from tests.conftest import victim_row

    path = write_package([victim_row(1, forename="Joan", surname="Nowak", dob="1980-01-01")])
    import_nfib_package(path, user=assessor)
    return Report.objects.get()


def joan(finint, ref="2026-0005001", **extra):
    from django.utils import timezone

    return a_sar(
        finint,
        ref,
        disclosed_on=timezone.localdate(),
        reason="Transfers abroad",
        victim_name="JOAN  nowak ",
        victim_dob=date(1980, 1, 1),
        **extra,
    )


def test_a_victim_named_on_a_report_held_is_a_repeat_victim(finint, held_report):
    joan(finint)
    referral = SarVictimReferral.objects.get()
    assert referral.status == "VS2"
    assert "Repeat victim: named with the same date of birth on 1 report" in referral.reason
    assert held_report.local_reference not in referral.reason


def test_a_report_not_every_user_may_see_is_not_counted(finint, held_report):
    from fraudcase.accounts.enums import HandlingMarking

    type(held_report).objects.update(handling_marking=HandlingMarking.OFFICIAL_SENSITIVE)
    joan(finint)
    assert not SarVictimReferral.objects.exists()


def test_another_date_of_birth_is_another_person(finint, held_report):
    from django.utils import timezone

    a_sar(
        finint,
        "2026-0005002",
        disclosed_on=timezone.localdate(),
        reason="Transfers abroad",
        victim_name="Joan Nowak",
        victim_dob=date(1981, 1, 1),
    )
    assert not SarVictimReferral.objects.exists()


def test_a_report_from_more_than_a_year_before_is_not_a_repeat(finint, held_report):
    from datetime import timedelta

    type(held_report).objects.update(received_at=held_report.received_at - timedelta(days=400))
    joan(finint)
    assert not SarVictimReferral.objects.exists()


def test_the_administrators_repeat_phrases_are_read(finint):
    from fraudcase.victims.models import RepeatPhrase

    RepeatPhrase.objects.create(phrase="lost money to a caller last spring")
    a_sar(
        finint,
        "2026-0005003",
        disclosed_on=DISCLOSED,
        reason="Says she lost money to a caller last spring too",
        victim_name="Ada Lane",
        victim_dob=date(1980, 1, 1),
    )
    assert SarVictimReferral.objects.get().status == "VS2"
