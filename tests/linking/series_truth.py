"""A synthetic truth set for series: reports whose suspect identifiers are written the many ways
victims and call handlers write them, each report with the offender it truly is (DOMAIN.md
"Linking"). Used by tests/linking and benchmarks/bench_linking.py.

    rows = reports(100_000)   # polars: report_id, suspect_phone, suspect_email,
                              # suspect_website, suspect_sort_code, suspect_account_number
                              # (the NFIB package's columns, "" when not given), truth

Each offender has a telephone number (mobile or landline), an e-mail address, a website and a
UK bank account, all its own. A report gives one to three of them, at least one already given
on an earlier report of the same offender (so the offender's reports are one series by shared
identifiers, as the policy defines a series), each written one of several ways: a telephone as
07700 900123, +44 7700 900123, 0044..., (07700) 900 123, +44 (0)7700...; a sort code with
dashes, spaces or none and an account number with or without a space or its leading zero; an
e-mail in any case with spaces around it; a website with or without scheme, www., a
sub-domain, a port, a path or a query, in any case. A share of reports also give a marketplace's
page (a stop-listed domain), which must join nothing.
"""

import random

import polars as pl

from tests.linking.person_truth import pair_scores

# A marketplace on the stop list (linking migration 0002): on many unrelated reports.
PLATFORMS = ("ebay.co.uk", "gumtree.com", "amazon.co.uk")
COLUMNS = (
    "suspect_phone",
    "suspect_email",
    "suspect_website",
    "suspect_sort_code",
    "suspect_account_number",
)
KINDS = ("phone", "email", "website", "account")
WORDS = ("quick", "bargain", "secure", "trusted", "direct", "prime", "royal", "crown", "city")
MAIL_DOMAINS = ("gmail.com", "outlook.com", "proton.me", "yahoo.co.uk", "mail-example.co.uk")
SUFFIXES = ("co.uk", "com", "org.uk", "uk", "net", "shop")
LANDLINE_CODES = ("0116", "0115", "0121", "0161", "020")


def _offender(k: int) -> dict[str, str]:
    """Offender k's identifiers, distinct from every other offender's by construction."""
    if k % 4 == 3:  # a landline for some
        code = LANDLINE_CODES[k % len(LANDLINE_CODES)]
        phone = code + f"{k:0{11 - len(code)}d}"  # k itself in the digits: distinct
    else:
        phone = f"07{700000000 + k:09d}"
    word = WORDS[k % len(WORDS)]
    return {
        "phone": phone,
        "email": f"{word}.seller{k}@{MAIL_DOMAINS[k % len(MAIL_DOMAINS)]}",
        "website": f"{word}-deals{k}.{SUFFIXES[k % len(SUFFIXES)]}",
        "sort_code": f"{(k * 7919 + 101) % 900_000 + 100_000:06d}",
        # Every tenth account has 7 digits (written with or without the leading zero).
        "account": f"{1_000_000 + k % 9_000_000:07d}" if k % 10 == 0 else f"{10_000_000 + k:08d}",
    }


def _phone(rng: random.Random, p: str) -> str:
    national = p[1:]
    ways = [
        p,
        f"{p[:5]} {p[5:]}",
        f"{p[:5]} {p[5:8]} {p[8:]}",
        f"+44 {national[:4]} {national[4:]}",
        f"+44{national}",
        f"0044 {national}",
        f"({p[:5]}) {p[5:8]} {p[8:]}",
        f"+44 (0){national[:4]} {national[4:]}",
        f"{p[:5]}-{p[5:]}",
    ]
    return rng.choice(ways)


def _email(rng: random.Random, e: str) -> str:
    ways = [e, e.upper(), e.title(), f"  {e} ", e.capitalize()]
    return rng.choice(ways)


def _website(rng: random.Random, d: str) -> str:
    ways = [
        d,
        f"www.{d}",
        f"https://www.{d}/checkout?id={rng.randrange(10**6)}",
        f"http://{d}/",
        d.upper(),
        f"HTTPS://WWW.{d.upper()}/Pay",
        f"pay.{d}",
        f"https://shop.{d}:8443/basket",
    ]
    return rng.choice(ways)


def _account(rng: random.Random, sort_code: str, account: str) -> tuple[str, str]:
    sort_ways = [sort_code, f"{sort_code[:2]}-{sort_code[2:4]}-{sort_code[4:]}"]
    sort_ways.append(f"{sort_code[:2]} {sort_code[2:4]} {sort_code[4:]}")
    padded = account.zfill(8)
    account_ways = [padded, f"{padded[:4]} {padded[4:]}"]
    if len(account) == 7:
        account_ways.append(account)
    return rng.choice(sort_ways), rng.choice(account_ways)


def reports(
    rows: int, *, new_offender: float = 0.35, platform_share: float = 0.1, seed: int = 7
) -> pl.DataFrame:
    """`rows` reports; each by a new offender with probability `new_offender`, else by one
    already in the set. Columns: report_id, the package's suspect columns, truth (offender)."""
    rng = random.Random(seed)
    used: list[list[str]] = []  # per offender: the kinds given on its reports so far
    out: list[tuple[object, ...]] = []
    for report_id in range(1, rows + 1):
        if not used or rng.random() < new_offender:
            truth = len(used)
            kinds = rng.sample(KINDS, rng.randint(1, 3))
            used.append([])
        else:
            truth = rng.randrange(len(used))
            # One identifier already given, so that the offender's reports are one series.
            kinds = [rng.choice(used[truth])]
            kinds += [k for k in rng.sample(KINDS, rng.randint(0, 2)) if k not in kinds]
        used[truth] = sorted(set(used[truth]) | set(kinds))
        who = _offender(truth)
        row = dict.fromkeys(COLUMNS, "")
        if "phone" in kinds:
            row["suspect_phone"] = _phone(rng, who["phone"])
        if "email" in kinds:
            row["suspect_email"] = _email(rng, who["email"])
        if "website" in kinds:
            row["suspect_website"] = _website(rng, who["website"])
        elif rng.random() < platform_share:
            row["suspect_website"] = _website(rng, rng.choice(PLATFORMS))
        if "account" in kinds:
            sort_code, account = _account(rng, who["sort_code"], who["account"])
            row["suspect_sort_code"], row["suspect_account_number"] = sort_code, account
        out.append((report_id, *row.values(), truth))
    return pl.DataFrame(
        out,
        schema={"report_id": pl.Int64, **dict.fromkeys(COLUMNS, pl.Utf8), "truth": pl.Int64},
        orient="row",
    )


def stop_list() -> pl.DataFrame:
    """(kind, value): the marketplaces the generator uses, as on the seeded stop list."""
    return pl.DataFrame(
        {"kind": ["website"] * len(PLATFORMS), "value": list(PLATFORMS)},
        schema={"kind": pl.Utf8, "value": pl.Utf8},
    )


def series_pair_scores(truth: pl.DataFrame, members: pl.DataFrame) -> dict[str, float]:
    """Pairwise precision, recall and F1 of the series found (`members`: report_id, anchor, the
    reports in a series of two or more) against `truth` (report_id, truth): pairs of reports
    put in one series; a report in no series is alone (`person_truth.pair_scores`)."""
    found = (
        truth.select("report_id")
        .join(members.select("report_id", "anchor"), on="report_id", how="left")
        .with_columns(pl.col("anchor").fill_null(-pl.col("report_id")))
    )
    return pair_scores(
        truth.rename({"report_id": "victim_id"}), found.rename({"report_id": "victim_id"})
    )
