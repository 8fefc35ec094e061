"""Write an N-victim synthetic dissemination package: make_package.py N OUT.csv [--seed S]."""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudcase.settings")

from fraudcase.intake.synthetic import nfib_package_frame

parser = argparse.ArgumentParser()
parser.add_argument("victims", type=int)
parser.add_argument("out", type=Path)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()
nfib_package_frame(args.victims, seed=args.seed, prefix=f"BENCH{args.seed}").write_csv(args.out)
print(f"wrote {args.victims} victims to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
