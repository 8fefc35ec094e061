"""A wrong FRAUDCASE_AUDIT_LANES stops the program naming the variable, rather than failing
with a bare traceback at start-up or at the first audited action."""

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("value", ["sixteen", "-1"])
def test_a_lane_count_that_is_not_a_whole_number_is_refused_by_name(value, tmp_path):
    env = {**os.environ, "FRAUDCASE_AUDIT_LANES": value, "FRAUDCASE_DATA_DIR": str(tmp_path)}
    ran = subprocess.run(
        [sys.executable, "-c", "import fraudcase.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode != 0
    assert "FRAUDCASE_AUDIT_LANES must be a whole number" in ran.stderr
