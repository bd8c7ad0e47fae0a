"""A tiny toy dataset in the phantom's layout, for tests and development only.

It is NOT the phantom (that is the C# ``sccdm phantom`` verb); it is just enough structure (a
skin-coloured foot blob in the photo, bright "bones" in the X-ray, 10 keypoints on them) for
tests to exercise loading, training, the detector and export.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from .dataset import KEYPOINT_NAMES


def _keypoints(rng: random.Random, size: int):
    cx, cy = size * (0.5 + rng.uniform(-0.05, 0.05)), size * (0.5 + rng.uniform(-0.05, 0.05))
    rot = math.radians(rng.uniform(-15, 15))
    s = size / 128.0 * rng.uniform(0.9, 1.1)
    hva = rng.uniform(0, 40)
    # Foot pointing up: toes at small y. Local coordinates (x right, y down), 128-px scale.
    local = [(-10, 10), (-12, -20), (-12 - 0.35 * hva / 4, -26), (-14 - 0.35 * hva / 2, -38),
             (-15 - 0.35 * hva, -48), (0, 8), (2, -24), (16, 14), (20, -14), (-2, 50)]
    pts = []
    for lx, ly in local:
        x = cx + s * (lx * math.cos(rot) - ly * math.sin(rot))
        y = cy + s * (lx * math.sin(rot) + ly * math.cos(rot))
        pts.append((x, y))
    return pts, hva


def make_toy_dataset(root: Path, count: int, size: int = 64, seed: int = 0, split: str = "train") -> Path:
    """Write ``count`` samples under ``root/split``; returns that folder."""
    out = Path(root) / split
    for i in range(count):
        rng = random.Random(seed * 100003 + i)
        pts, hva = _keypoints(rng, size)
        tone = rng.randint(90, 230)
        bg = tuple(rng.randint(0, 60) for _ in range(3))
        photo = Image.new("RGB", (size, size), bg)
        xray = Image.new("L", (size, size), 10)
        dp, dx = ImageDraw.Draw(photo), ImageDraw.Draw(xray)
        w = max(2, size // 16)
        skin = (tone, int(tone * 0.8), int(tone * 0.65))
        hull = [pts[9], pts[7], pts[8], pts[6], pts[4], pts[3], pts[0]]
        dp.polygon(hull, fill=skin)
        for a, b in [(9, 0), (9, 7), (0, 6), (7, 8), (0, 4)]:
            dp.line([pts[a], pts[b]], fill=skin, width=3 * w)
        dx.polygon(hull, fill=40)
        for a, b in [(0, 1), (1, 2), (2, 3), (3, 4), (5, 6), (7, 8), (0, 5), (5, 7), (9, 0), (9, 7)]:
            dx.line([pts[a], pts[b]], fill=220, width=w)
        xray = xray.filter(ImageFilter.GaussianBlur(0.6))
        sid = f"toy{seed:03d}_{i:05d}"
        d = out / sid
        d.mkdir(parents=True, exist_ok=True)
        photo.save(d / "original.png")
        xray.save(d / "xray.png")
        meta = {
            "id": sid, "seed": seed * 100003 + i, "size": size,
            # JSON keypoints are continuous (pixel centres at +0.5); PIL drew them at integer centres.
            "keypoints": [{"name": n, "x": round(x + 0.5, 3), "y": round(y + 0.5, 3)} for n, (x, y) in zip(KEYPOINT_NAMES, pts)],
            "angles": {"hva": hva, "ima": 0.0}, "grades": {}, "params": {"toy": True},
        }
        (d / "keypoints.json").write_text(json.dumps(meta))
    return out
