"""`fraudcase victims scan`: each row gets a status, reasons and flags; bad lists write nothing."""

import json
import random
from datetime import UTC, date, datetime, timedelta

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fraudcase.core.errors import FileRejected
from fraudcase.intake.importing import import_nfib_package
from fraudcase.intake.models import ImportProfile
from fraudcase.victims import rules, scanning
from fraudcase.victims.scanning import DEFAULT_COLUMNS, scan_to_frame, scan_victim_list
from tests.conftest import EXAMPLES, victim_row

LIST = EXAMPLES / "victim-list-example.csv"


def write_list(tmp_path, rows, name="list.csv", columns=None):
    columns = columns or DEFAULT_COLUMNS
    path = tmp_path / name
    pl.DataFrame(
        [{c: str(r.get(c, "")) for c in columns} for r in rows],
        schema=dict.fromkeys(columns, pl.String),
    ).write_csv(path)
    return path


def row(n, **overrides):
    base = {
        "nfrc": f"NFRC2610200{n:05d}",
        "report_date": "2026-10-02",
        "victim_type": "Individual",
        "forename": "Ann",
        "surname": f"Person{n}",
        "dob": "1980-01-01",
        "postcode": "LE1 1AA",
        "loss_gbp": "10.00",
        "referred_for_investigation": "N",
        "contact_method": "Online",
        "narrative": "",
    }
    base.update(overrides)
    return base


def scanned(tmp_path, rows, **kwargs):
    result = scan_victim_list(write_list(tmp_path, rows), out=tmp_path / "out.csv", **kwargs)
    return result, pl.read_csv(tmp_path / "out.csv", infer_schema=False)


@pytest.mark.django_db
def test_the_example_list_is_segmented(tmp_path):
    result = scan_victim_list(LIST, out=tmp_path / "out.csv")
    out = pl.read_csv(tmp_path / "out.csv", infer_schema=False)
    assert dict(zip(out["nfrc"], out["status"], strict=True)) == {
        "NFRC261020000001": "VS4",
        "NFRC261020000002": "VS1",
        "NFRC261020000003": "BUSINESS",
        "NFRC261020000004": "VS3",
        "NFRC261020000005": "VS1",
        "NFRC261020000006": "REFERRED",
        "NFRC261020000007": "VS1",
        "NFRC261020000008": "VS1",
    }
    assert out.filter(pl.col("nfrc") == "NFRC261020000002")["under_18"].item() == "true"
    assert out.filter(pl.col("nfrc") == "NFRC261020000008")["keywords"].item() == "Frail;Romance"
    assert set(out.columns) >= {
        "nfrc",
        "status",
        "under_18",
        "dob_missing",
        "keywords",
        "response",
        "reasons",
    }
    assert result.counts["VS1"] == 4


@pytest.mark.django_db
def test_a_repeat_across_two_rows_is_vs2_for_both(tmp_path):
    _, out = scanned(
        tmp_path,
        [row(1, forename="Jo", surname="Bloggs"), row(2, forename="JO", surname="bloggs"), row(3)],
    )
    assert out["status"].to_list() == ["VS2", "VS2", "NONE"]
    assert "2 reports in this list" in out["reasons"][0]


@pytest.mark.django_db
def test_a_repeat_is_the_same_name_however_punctuated_but_not_a_different_spelling(tmp_path):
    _, out = scanned(
        tmp_path,
        [
            row(1, forename="Mary-Ann", surname="O'Brien"),
            row(2, forename="MARY ANN", surname="OBRIEN"),
            row(3, forename="Ann", surname="Smith"),
            row(4, forename="Anne", surname="Smith"),
        ],
    )
    assert out["status"].to_list() == ["VS2", "VS2", "NONE", "NONE"]
    # The bulk scan and the rule agree on every key.
    _, frame = scan_to_frame(write_list(tmp_path, [row(1, forename="Mary-Ann", surname="O’Brien")]))  # noqa: RUF001
    assert frame["fore_key"].item() == rules.name_key("Mary-Ann")
    assert frame["sur_key"].item() == rules.name_key("O’Brien")  # noqa: RUF001 - typographic


@pytest.mark.django_db
def test_a_repeat_against_a_report_already_held_in_12_months(tmp_path, assessor, write_package):
    import_nfib_package(
        write_package(
            [
                victim_row(
                    1,
                    forename="Jo",
                    surname="Bloggs",
                    dob="1980-01-01",
                    disseminated_on="2026-03-01",
                )
            ]
        ),
        user=assessor,
        # Held since March (the 12 months count from when the force received it, §5.1.1).
        received_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        received_reason="Received in March; imported for this test later",
    )
    result, out = scanned(tmp_path, [row(1, forename="JO", surname="Bloggs.")], user=assessor)
    assert result.held_reports_checked
    assert out["status"].to_list() == ["VS2"]
    assert "already held" in out["reasons"][0]
    # Thirteen months later the old report no longer counts.
    _, later = scanned(
        tmp_path,
        [row(1, forename="Jo", surname="Bloggs", report_date="2027-04-02")],
        user=assessor,
        today=date(2027, 4, 2),
    )
    assert later["status"].to_list() == ["NONE"]


@pytest.mark.django_db
def test_a_held_report_the_user_may_not_see_does_not_count(
    tmp_path, assessor, supervisor, write_package
):
    from fraudcase.reports.models import Report

    import_nfib_package(
        write_package([victim_row(1, forename="Jo", surname="Bloggs", dob="1980-01-01")]),
        user=supervisor,
    )
    Report.objects.update(handling_marking="OFFICIAL-SENSITIVE")
    _, out = scanned(tmp_path, [row(1, forename="Jo", surname="Bloggs")], user=assessor)
    assert out["status"].to_list() == ["NONE"]


@pytest.mark.django_db
def test_businesses_and_referred_rows_are_never_segmented(tmp_path):
    _, out = scanned(
        tmp_path,
        [
            row(1, victim_type="Business", business_name="Acme Ltd", dob="", narrative="elderly"),
            row(2, referred_for_investigation="Y", dob="1930-01-01", narrative="carer"),
        ],
    )
    assert out["status"].to_list() == ["BUSINESS", "REFERRED"]
    assert out["dob_missing"].to_list() == ["false", "false"]


@pytest.mark.django_db
def test_victim_types_are_read_in_any_case_and_in_their_other_names(tmp_path):
    written = ["INDIVIDUAL", "person", "Company", "CHARITY", "Public body", "Organisation"]
    _, frame = scan_to_frame(
        write_list(tmp_path, [row(n, victim_type=t) for n, t in enumerate(written)])
    )
    assert frame["kind"].to_list() == [
        "individual",
        "individual",
        "business",
        "charity",
        "public_body",
        "other_organisation",
    ]
    assert frame["status"].to_list()[2:] == ["BUSINESS"] * 4


@pytest.mark.django_db
def test_the_reasons_say_in_words_why(tmp_path):
    older = {
        "dob": "1946-01-01",
        "contact_method": "Telephone",
        "segment": "b",
        "narrative": "A ROMANCE scam; she is frail",
        "surname": "Same",
    }
    _, out = scanned(
        tmp_path,
        [
            row(1, **older),
            row(2, **older),
            row(3, victim_type="Business", dob=""),
            row(4, dob=""),
            row(5, dob="2014-06-01", referred_for_investigation="Y"),
        ],
    )
    aged_80 = (
        "Aged 80 on the report date; Repeat victim: 2 reports in this list; "
        "Direct contact with the fraudster (Telephone); Home Office segment B; "
        "Search terms in the narrative: Frail, Romance"
    )
    assert out["reasons"].to_list() == [
        aged_80,
        aged_80,
        "Not an individual (Business)",
        "No date of birth",
        "Referred to the force for investigation; Aged 12 on the report date; "
        "Under 18: tell the victim care unit",
    ]
    assert out["keywords"].to_list()[:2] == ["Frail;Romance", "Frail;Romance"]


@pytest.mark.django_db
def test_a_bad_list_names_every_bad_cell_and_writes_nothing(tmp_path):
    path = write_list(
        tmp_path,
        [
            row(1),
            row(2, report_date="2026-13-01"),
            row(3, dob="yesterday"),
            row(4, loss_gbp="a lot"),
            row(5, victim_type="Robot"),
        ],
    )
    with pytest.raises(FileRejected) as rejected:
        scan_victim_list(path, out=tmp_path / "out.csv")
    assert [(p.row, p.column) for p in rejected.value.problems] == [
        (3, "report_date"),
        (4, "dob"),
        (5, "loss_gbp"),
        (6, "victim_type"),
    ]
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.django_db
def test_losses_typed_by_hand_with_a_pound_sign_and_commas_are_amounts(tmp_path):
    path = write_list(tmp_path, [row(1, loss_gbp="£1,250.50"), row(2, loss_gbp="75")])
    _, frame = scan_to_frame(path)
    assert [str(v) for v in frame["loss"].to_list()] == ["1250.50", "75.00"]
    bad = write_list(tmp_path, [row(1, loss_gbp="£1,250.50"), row(2, loss_gbp="£ten")])
    with pytest.raises(FileRejected) as rejected:
        scan_to_frame(bad)
    assert [(p.row, p.column) for p in rejected.value.problems] == [(3, "loss_gbp")]


@pytest.mark.django_db
def test_a_list_with_uk_dates_is_read_day_first_without_a_profile(tmp_path):
    path = write_list(
        tmp_path,
        [row(1, report_date="02/10/2026", dob="03/10/1951"), row(2, dob="1951-10-02")],
    )
    _, frame = scan_to_frame(path)
    assert frame["report_day"].to_list() == [date(2026, 10, 2), date(2026, 10, 2)]
    assert frame["dob_day"].to_list() == [date(1951, 10, 3), date(1951, 10, 2)]
    # The day before and on the 75th birthday.
    assert frame["status"].to_list()[:2] == ["VS3", "VS4"]


@pytest.mark.django_db
def test_cells_padded_with_spaces_are_read_as_if_they_were_not(tmp_path):
    clean = [row(1, dob="1950-01-01", referred_for_investigation="N"), row(2, dob="")]
    padded = [
        row(
            1,
            nfrc=f" {row(1)['nfrc']}\t",
            report_date=" 2026-10-02",
            victim_type="Individual ",
            dob=" 1950-01-01 ",
            loss_gbp=" £10.00",
            referred_for_investigation="\u00a0N",
            forename=" Ann",
            segment=" B ",
        ),
        row(2, dob="   "),
    ]
    _, expected = scan_to_frame(write_list(tmp_path, clean, name="clean.csv"))
    _, found = scan_to_frame(write_list(tmp_path, padded, name="padded.csv"))
    same = ["nfrc", "report_day", "dob_day", "loss", "kind", "fore_key", "status", "dob_missing"]
    assert found.select(same).to_dicts() == expected.select(same).to_dicts()
    assert found["reasons"].to_list()[0].endswith("Home Office segment B")
    assert found["status"].to_list() == ["VS4", "NONE"]


@pytest.mark.django_db
def test_missing_headings_are_named_with_the_profile(tmp_path):
    path = write_list(tmp_path, [row(1)], columns=["nfrc", "victim_type", "narrative"])
    with pytest.raises(FileRejected) as rejected:
        scan_victim_list(path, out=tmp_path / "out.csv")
    assert [p.problem for p in rejected.value.problems] == [
        "Missing required heading 'report_date' (profile 'default')",
        "Missing required heading 'dob' (profile 'default')",
    ]


@pytest.mark.django_db
def test_a_profile_maps_other_headings(tmp_path):
    ImportProfile.objects.create(
        name="wmp",
        kind="victim_list",
        date_format="%d/%m/%Y",
        column_map={
            "nfrc": "Crime Ref",
            "report_date": "Reported",
            "dob": "Date of Birth",
            "victim_type": "Type",
        },
    )
    path = write_list(
        tmp_path,
        [
            {
                "Crime Ref": "NFRC1",
                "Reported": "02/10/2026",
                "Date of Birth": "01/01/1940",
                "Type": "Individual",
            }
        ],
        columns=["Crime Ref", "Reported", "Date of Birth", "Type"],
    )
    result = scan_victim_list(path, out=tmp_path / "o.csv", profile_name="wmp")
    assert result.counts["VS4"] == 1


@pytest.mark.django_db
def test_formulas_are_neutralised_in_the_output(tmp_path):
    _, out = scanned(
        tmp_path,
        [row(1, surname='=HYPERLINK("http://x")'), row(2, forename="+Ann")],
        victim_columns=True,
    )
    assert out["surname"].to_list() == ['\'=HYPERLINK("http://x")', "Person2"]
    assert out["forename"].to_list() == ["Ann", "'+Ann"]
    _, findings = scanned(tmp_path, [row(1, nfrc="=1+2"), row(2, nfrc="@SUM(A1)")])
    assert findings["nfrc"].to_list() == ["'=1+2", "'@SUM(A1)"]


@pytest.mark.django_db
def test_the_output_holds_the_findings_and_copies_no_personal_data_unless_asked(tmp_path):
    _, out = scanned(tmp_path, [row(1, forename="Jo", surname="Bloggs"), row(2)])
    assert out.columns == [
        "nfrc",
        "status",
        "under_18",
        "dob_missing",
        "keywords",
        "response",
        "reasons",
        "repeat_reports",
    ]
    assert out["nfrc"].to_list() == [row(1)["nfrc"], row(2)["nfrc"]]
    _, full = scanned(tmp_path, [row(1, forename="Jo", surname="Bloggs")], victim_columns=True)
    assert {"forename", "surname", "dob", "postcode", "loss_gbp"} <= set(full.columns)
    assert full["surname"].item() == "Bloggs"


@pytest.mark.django_db
def test_a_list_too_long_for_an_xlsx_sheet_asks_for_a_csv(tmp_path, monkeypatch):
    monkeypatch.setattr(scanning, "XLSX_MAX_ROWS", 2)
    path = write_list(tmp_path, [row(1), row(2), row(3)])
    with pytest.raises(FileRejected) as rejected:
        scan_victim_list(path, out=tmp_path / "out.xlsx")
    assert rejected.value.problems[0].problem == (
        "3 rows do not fit in an xlsx sheet (at most 2): write a .csv"
    )
    assert list(tmp_path.glob("*.xlsx")) == []
    scan_victim_list(path, out=tmp_path / "out.csv")
    assert (tmp_path / "out.csv").exists()


@pytest.mark.django_db
def test_xlsx_in_and_out(tmp_path):
    frame = pl.read_csv(LIST, infer_schema=False)
    frame.write_excel(tmp_path / "list.xlsx")
    result = scan_victim_list(tmp_path / "list.xlsx", out=tmp_path / "out.xlsx")
    assert result.rows == 8
    assert pl.read_excel(tmp_path / "out.xlsx")["status"].to_list()[0] == "VS4"


@pytest.mark.django_db
def test_command_prints_counts_per_status(tmp_path, capsys):
    call_command("victims_scan", str(LIST), "--out", str(tmp_path / "o.csv"), "--json")
    counts = json.loads(capsys.readouterr().out)["counts"]
    assert counts == {
        "REFERRED": 1,
        "BUSINESS": 1,
        "VS4": 1,
        "VS3": 1,
        "VS2": 0,
        "VS1": 4,
        "NONE": 0,
    }


@pytest.mark.django_db
def test_command_exits_non_zero_on_a_bad_list(tmp_path):
    path = write_list(tmp_path, [row(1, dob="1950-02-30")])
    with pytest.raises(CommandError):
        call_command("victims_scan", str(path), "--out", str(tmp_path / "o.csv"))
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.django_db
def test_the_bulk_scan_agrees_with_the_rules_row_for_row(tmp_path):
    """The DuckDB SQL and the pure rules are two spellings of one policy: they must agree."""
    rng = random.Random(3)
    words = [
        "",
        "elderly",
        "Western Union",
        "courier came",
        "phoned me",
        "MULE",
        "trustee",
        "online shop",
        "child",
        "at the door",
        "the SECOND TIME",
        "happened again",
        "scammed before",
    ]
    rows = []
    for n in range(400):
        dob = date(2026, 10, 2) - timedelta(days=rng.randint(10 * 365, 90 * 365))
        rows.append(
            row(
                n,
                forename=rng.choice(["Ann", "Bob"]),
                surname=rng.choice(["X", "Y", "Z"]),
                dob="" if rng.random() < 0.05 else dob.isoformat(),
                victim_type="Business" if rng.random() < 0.05 else "Individual",
                referred_for_investigation=rng.choice(["Y", "N", "N", "N"]),
                contact_method=rng.choice(["Online", "Telephone", "Email", "In person"]),
                segment=rng.choice(["", "", "B", "D1", "C"]),
                narrative=" ".join(rng.sample(words, 2)),
            )
        )
    _, out = scanned(tmp_path, rows)
    keys = {}
    for r in rows:
        if r["victim_type"] == "Individual" and r["dob"]:
            key = (r["forename"].lower(), r["surname"].lower(), r["dob"])
            keys[key] = keys.get(key, 0) + 1
    for r, got in zip(rows, out.iter_rows(named=True), strict=True):
        individual = r["victim_type"] == "Individual"
        dob = date.fromisoformat(r["dob"]) if r["dob"] else None
        expected = rules.vulnerability_status(
            referred=rules.is_referred(r["referred_for_investigation"]),
            individual=individual,
            dob=dob,
            report_date=date(2026, 10, 2),
            repeat=individual
            and dob is not None
            and keys[(r["forename"].lower(), r["surname"].lower(), r["dob"])] > 1,
            direct_contact=rules.is_direct_contact(r["contact_method"], r["narrative"]),
            segment=r["segment"],
            narrative=r["narrative"],
        )
        assert got["status"] == expected.status, (r, got)
        assert (got["keywords"] or "") == ";".join(expected.keywords)
        said = [p for p in got["reasons"].split("; ") if p.startswith(rules.SAID_BEFORE)]
        assert said == (
            [rules.said_before_reason(expected.said_before)] if expected.said_before else []
        ), (r, got)
        assert got["under_18"] == str(expected.under_18).lower()


def test_the_fraudcase_command_scans_without_a_database(tmp_path, capsys):
    """`fraudcase victims scan` with no user or profile needs no database at all."""
    from fraudcase.cli import main

    with pytest.raises(SystemExit) as done:
        main(
            ["fraudcase", "victims", "scan", str(LIST), "--out", str(tmp_path / "o.csv"), "--json"]
        )
    assert done.value.code == 0
    assert json.loads(capsys.readouterr().out)["counts"]["VS4"] == 1
    with pytest.raises(SystemExit) as rejected:
        main(
            [
                "fraudcase",
                "victims",
                "scan",
                str(write_list(tmp_path, [row(1, dob="x")])),
                "--out",
                str(tmp_path / "bad.csv"),
            ]
        )
    assert rejected.value.code == 1
    assert not (tmp_path / "bad.csv").exists()


@pytest.mark.django_db
def test_comparing_with_reports_held_is_audited_as_a_combination(tmp_path, assessor):
    from fraudcase.audit.models import AuditEvent

    call_command("victims_scan", str(LIST), "--out", str(tmp_path / "o.csv"), "--user", "assessor")
    event = AuditEvent.objects.get(action="combination")
    assert (event.actor, event.object_ref) == (assessor, "victim-list-example.csv")
