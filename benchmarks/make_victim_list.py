"""Write an N-row synthetic NFIB victim list: make_victim_list.py N OUT.csv [--seed S]."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from fraudcase.victims.synthetic import victim_list_frame

parser = argparse.ArgumentParser()
parser.add_argument("rows", type=int)
parser.add_argument("out", type=Path)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()
chunk = 200_000
with args.out.open("wb") as handle:
    for i, start in enumerate(range(0, args.rows, chunk)):
        frame = victim_list_frame(min(chunk, args.rows - start), seed=args.seed * 100 + i)
        frame.write_csv(handle, include_header=i == 0)
print(f"wrote {args.rows} rows to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
