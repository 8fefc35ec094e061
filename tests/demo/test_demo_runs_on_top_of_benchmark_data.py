"""Issue 16, item 8: `fraudcase demo-data` runs on top of any data. Its NFRC numbers and
package references are its own, out of every generator's reach, and it moves only its own
reports along: a benchmark's reports are left as they were."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from fraudcase.cases.models import Case, VictimUpdate
from fraudcase.demo.management.commands.demo_data import DEMO_NFRC_BASE, demo_reports
from fraudcase.intake.importing import import_nfib_package
from fraudcase.intake.synthetic import nfib_package_frame
from fraudcase.reports.models import NFRCNumber, Report
from fraudcase.triage.models import Assessment
from fraudcase.victims.models import VictimListEntry
from fraudcase.victims.synthetic import victim_list_frame
from tests.scale import TEST_NFRC_BASE

pytestmark = pytest.mark.django_db


def benchmark_package(seed: int, victims: int = 120) -> None:
    """A package as benchmarks/ make them (seeds 1-10, the generator's default numbers)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"p{seed}.csv"
        nfib_package_frame(victims, seed=seed, prefix=f"B{seed}").write_csv(path)
        import_nfib_package(path, user=None)


def test_demo_data_loads_after_benchmark_packages_and_leaves_them_alone():
    for seed in (7, 8):  # the seeds the demo's own packages are drawn with
        benchmark_package(seed)
    benchmark = set(Report.objects.values_list("pk", flat=True))
    call_command("demo_data", "--victims", "60", "--quiet")

    demo = demo_reports()
    assert demo.count() == 62  # its 60 and the weekend package's 2
    assert not demo.filter(pk__in=benchmark).exists()
    numbers = NFRCNumber.objects.filter(report__in=demo).values_list("number", flat=True)
    assert all(
        DEMO_NFRC_BASE < int(n.removeprefix("NFRC")) < DEMO_NFRC_BASE + 10**9 for n in numbers
    )
    # It assessed, allocated and updated its own reports, none of the benchmark's.
    assert Assessment.objects.filter(report__in=demo).count() == 6
    assert Case.objects.filter(report__in=demo).count() == 2
    assert not Assessment.objects.filter(report__in=benchmark).exists()
    assert not VictimUpdate.objects.filter(report__in=benchmark).exists()
    assert set(Report.objects.filter(pk__in=benchmark).values_list("status", flat=True)) == {
        "recorded"
    }
    assert VictimListEntry.objects.count() == 350

    call_command("demo_data", "--victims", "60", "--quiet")  # and again: nothing added
    assert demo_reports().count() == 62


def test_no_generator_seed_reaches_the_demo_s_numbers():
    lowest_package = min(
        int(n.removeprefix("NFRC"))
        for base in (261_000_000_000, TEST_NFRC_BASE)
        for n in nfib_package_frame(5, seed=0, nfrc_base=base)["nfrc"]
    )
    assert lowest_package > DEMO_NFRC_BASE + 10**9
    # Victim lists number NFRC26<seed><n>: 260,000,000,000 up, or longer numbers.
    for seed in (0, 99, 100):
        for n in victim_list_frame(3, seed=seed)["nfrc"]:
            number = n.removeprefix("NFRC")
            assert len(number) > 12 or int(number) >= 260_000_000_000


def test_a_demo_loaded_before_it_had_its_own_numbers_is_not_loaded_again():
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-package.csv"
        nfib_package_frame(20, seed=7).write_csv(path)  # as the demo wrote it until issue 16
        import_nfib_package(path, user=None, original_name="demo-package.csv")
    call_command("demo_data", "--victims", "20", "--quiet")
    assert not demo_reports().exists()
