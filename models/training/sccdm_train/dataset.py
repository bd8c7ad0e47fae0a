"""Reads the phantom dataset layout ``DIR/<split>/<id>/{original.png,xray.png,keypoints.json}``.

Conventions (the C# side must match them):

* Photo → gray: ``c = (0.299·R + 0.587·G + 0.114·B) / 127.5 − 1`` computed in float32 from the
  8-bit R,G,B values (no rounding to an 8-bit gray in between), after the RGB image has been
  resized to the model size (PIL bilinear) when its size differs.
* X-ray → gray: an 8-bit gray PNG gives ``x = v / 127.5 − 1``; a 16-bit PNG ``v / 32767.5 − 1``;
  an RGB(A) X-ray uses the same luma formula as the photo.
* Keypoints are pixel coordinates whose integer values are pixel centres. Resizing by s maps
  ``x' = (x + 0.5)·s − 0.5``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

import numpy as np
import torch
from PIL import Image

KEYPOINT_NAMES = [
    "mt1_base", "mt1_head", "pp1_base", "pp1_head", "hallux_tip",
    "mt2_base", "mt2_head", "mt5_base", "mt5_head", "heel",
]
COND_GRAY = "c = (0.299*R + 0.587*G + 0.114*B)/127.5 - 1 (R,G,B 8-bit, float32, no rounding)"


def _to_gray_float(img: Image.Image) -> np.ndarray:
    """PIL image → float32 array in [-1, 1] by the conventions in the module docstring."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        a = np.asarray(img, dtype=np.float32)
        return a / 32767.5 - 1.0
    if img.mode == "L":
        return np.asarray(img, dtype=np.float32) / 127.5 - 1.0
    if img.mode == "LA":
        return np.asarray(img.getchannel(0), dtype=np.float32) / 127.5 - 1.0
    rgb = np.asarray(img.convert("RGB"), dtype=np.float32)
    y = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
    return (y / 127.5 - 1.0).astype(np.float32)


def load_image(path: Path, size: int) -> np.ndarray:
    with Image.open(path) as f:
        img = f.copy()
    if img.size != (size, size):
        if img.mode not in ("L", "RGB"):
            img = img.convert("RGB") if img.mode in ("RGBA", "P", "LA") else img.convert("F")
        img = img.resize((size, size), Image.BILINEAR)
    if img.mode == "F":
        return np.asarray(img, dtype=np.float32) / 127.5 - 1.0
    return _to_gray_float(img)


@dataclass
class Split:
    """A whole split in memory: cond [N,1,S,S], xray [N,1,S,S], keypoints [N,10,2] (pixels)."""

    ids: List[str]
    cond: torch.Tensor
    xray: torch.Tensor
    keypoints: torch.Tensor
    size: int
    meta: List[dict] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)


def find_split_dir(root: Path, split: str) -> Optional[Path]:
    """``root/split`` if it exists; ``root`` itself if it directly holds sample folders."""
    cand = root / split
    if cand.is_dir():
        return cand
    if split == "train" and any((p / "xray.png").exists() for p in root.iterdir() if p.is_dir()):
        return root
    return None


def load_split(split_dir: Path, size: int, limit: Optional[int] = None, need_photo: bool = True) -> Split:
    """Load every ``<id>/`` folder of a split (sorted by name, so order is deterministic)."""
    split_dir = Path(split_dir)
    dirs = sorted(p for p in split_dir.iterdir() if p.is_dir() and (p / "xray.png").exists())
    if limit:
        dirs = dirs[:limit]
    if not dirs:
        raise FileNotFoundError(f"no samples (folders with xray.png) under {split_dir}")
    conds, xrays, kps, ids, metas = [], [], [], [], []
    for d in dirs:
        with Image.open(d / "xray.png") as x_img:
            src_w, src_h = x_img.size
        xrays.append(load_image(d / "xray.png", size))
        if need_photo:
            conds.append(load_image(d / "original.png", size))
        kp = np.full((len(KEYPOINT_NAMES), 2), np.nan, dtype=np.float32)
        meta = {}
        kfile = d / "keypoints.json"
        if kfile.exists():
            meta = json.loads(kfile.read_text())
            by_name = {k["name"]: k for k in meta.get("keypoints", [])}
            # keypoints.json holds continuous pixel coordinates (pixel centres at +0.5, the phantom's and the
            # C# app's convention); training uses integer-centre coordinates, so x_int = x_json·s − 0.5.
            for i, name in enumerate(KEYPOINT_NAMES):
                if name in by_name:
                    kp[i, 0] = by_name[name]["x"] * size / src_w - 0.5
                    kp[i, 1] = by_name[name]["y"] * size / src_h - 0.5
        kps.append(kp)
        ids.append(str(meta.get("id", d.name)))
        metas.append(meta)
    cond = torch.from_numpy(np.stack(conds))[:, None] if need_photo else torch.empty(0)
    return Split(ids, cond, torch.from_numpy(np.stack(xrays))[:, None], torch.from_numpy(np.stack(kps)), size, metas)


def to_uint8(img: torch.Tensor) -> np.ndarray:
    """[-1,1] float [H,W] (or [1,H,W]) → uint8 for previews."""
    a = img.detach().float().cpu().numpy().reshape(img.shape[-2], img.shape[-1])
    return np.clip(np.round((a + 1.0) * 127.5), 0, 255).astype(np.uint8)


def save_grid(rows: List[List[torch.Tensor]], path: Path) -> None:
    """Save a grid of gray [-1,1] images (rows of equal-size tiles) as a PNG."""
    tiles = [np.concatenate([to_uint8(t) for t in r], axis=1) for r in rows]
    path = Path(path)
    tmp = path.with_suffix(".tmp.png")
    Image.fromarray(np.concatenate(tiles, axis=0)).save(tmp)
    tmp.replace(path)
