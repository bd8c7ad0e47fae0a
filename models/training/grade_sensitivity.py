#!/usr/bin/python3
"""How much grade agreement a given angle error leaves, on a dataset's own ground-truth angles.

Grades cut HVA at 15/20/40° and IMA at 9/11/16° (../shared/design/foot.md); the IMA's mild band is only 2° wide, so
an angle error that is small against the clinical tolerance still flips many grades. This adds Gaussian errors
with the given mean absolute errors to each sample's true HVA and IMA (independently, many draws) and reports
how often both grades, and each alone, survive. `sccdm eval` measures the real thing; this says which angle
accuracy a grade-agreement target needs.

Examples:
  /usr/bin/python3 grade_sensitivity.py --data data/test --hva-mae 1.12 --ima-mae 0.77
  /usr/bin/python3 grade_sensitivity.py --data data/test --sweep
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

HVA_CUTS = (15.0, 20.0, 40.0)
IMA_CUTS = (9.0, 11.0, 16.0)


def grade(angle: float, cuts: Sequence[float]) -> int:
    """0 normal, 1 mild, 2 moderate, 3 severe: the number of cut points at or below the angle."""
    return sum(angle >= c for c in cuts)


def read_angles(split_dir: Path) -> List[Tuple[float, float]]:
    out = []
    for d in sorted(p for p in split_dir.iterdir() if (p / "keypoints.json").exists()):
        a = json.loads((d / "keypoints.json").read_text())["angles"]
        out.append((float(a["hva"]), float(a["ima"])))
    if not out:
        raise SystemExit(f"no keypoints.json under {split_dir}")
    return out


def agreement(angles: Sequence[Tuple[float, float]], hva_mae: float, ima_mae: float, draws: int = 100,
              seed: int = 1) -> Tuple[float, float, float]:
    """(both, HVA alone, IMA alone) grade agreement under zero-mean Gaussian angle errors with these MAEs."""
    k = math.sqrt(math.pi / 2)  # σ of a Gaussian whose mean absolute value is 1
    rng = random.Random(seed)
    both = hva_ok = ima_ok = 0
    for _ in range(draws):
        for hva, ima in angles:
            h = grade(hva + rng.gauss(0, hva_mae * k), HVA_CUTS) == grade(hva, HVA_CUTS)
            i = grade(ima + rng.gauss(0, ima_mae * k), IMA_CUTS) == grade(ima, IMA_CUTS)
            both += h and i
            hva_ok += h
            ima_ok += i
    n = draws * len(angles)
    return both / n, hva_ok / n, ima_ok / n


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, required=True, help="a split folder (<id>/keypoints.json)")
    p.add_argument("--hva-mae", type=float, default=None, help="HVA mean absolute error, degrees")
    p.add_argument("--ima-mae", type=float, default=None, help="IMA mean absolute error, degrees")
    p.add_argument("--sweep", action="store_true", help="a table over a range of errors")
    p.add_argument("--draws", type=int, default=100)
    args = p.parse_args(argv)
    angles = read_angles(args.data)
    rows = [(args.hva_mae, args.ima_mae)] if args.hva_mae is not None and args.ima_mae is not None else []
    if args.sweep:
        rows += [(2.0, 1.5), (1.5, 1.0), (1.0, 0.7), (0.75, 0.5), (0.5, 0.3), (0.4, 0.25), (0.3, 0.2), (0.2, 0.15)]
    if not rows:
        raise SystemExit("give --hva-mae and --ima-mae, or --sweep")
    print(f"{len(angles)} samples from {args.data}, {args.draws} draws each")
    print("HVA MAE  IMA MAE   both grades  HVA grade  IMA grade")
    for hva_mae, ima_mae in rows:
        both, h, i = agreement(angles, hva_mae, ima_mae, args.draws)
        print(f"{hva_mae:6.2f}°  {ima_mae:6.2f}°   {100 * both:10.1f}%  {100 * h:8.1f}%  {100 * i:8.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
