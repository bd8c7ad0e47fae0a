#!/usr/bin/python3
"""Write a dataset whose X-rays are the denoiser's own samples: photo → default sampler → xray.png.

The keypoint detector sees synthesized X-rays at run time, which are softer than the phantom's and can put a
bone a fraction of a pixel off; training it on these, against the phantom's ground-truth keypoints, teaches it
that. Each sample folder gets the photo, the synthesized X-ray (8-bit gray) and the original keypoints.json;
``synthesis.json`` at the top says which weights and sampler made them. Samples already written are skipped,
so a stopped run resumes.

Examples:
  /usr/bin/python3 synthesize.py --weights runs/kiosk-v/last.pt --data data --out data-synth --split train
  /usr/bin/python3 synthesize.py --weights weights/sccdm-kiosk.pt --data data --out data-synth --split val
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import List, Optional

import torch
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sccdm_train.common import load_ckpt, load_state_any_dtype  # noqa: E402
from sccdm_train.dataset import find_split_dir, load_split, to_uint8  # noqa: E402
from sccdm_train.diffusion import Schedule, sample  # noqa: E402
from sccdm_train.unet import UNet, UNetConfig  # noqa: E402


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", type=Path, required=True, help="denoiser run last.pt or weights file (EMA used)")
    p.add_argument("--data", type=Path, required=True, help="dataset root in the reference layout")
    p.add_argument("--split", default="train", help="split to synthesize (default train)")
    p.add_argument("--out", type=Path, required=True, help="output dataset root (OUT/<split>/<id>/...)")
    p.add_argument("--steps", type=int, default=2, help="sampler steps (default 2, the app's default)")
    p.add_argument("--limit", type=int, default=None, help="only the first N samples of the split")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--seed", type=int, default=0, help="seed of the sampler noise (a fresh draw per sample)")
    p.add_argument("--threads", type=int, default=1)
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    torch.set_num_threads(args.threads)
    ck = load_ckpt(args.weights)
    net = UNet(UNetConfig.from_dict(ck["config"])).eval()
    load_state_any_dtype(net, ck["ema"])
    size = net.cfg.image_size
    src = find_split_dir(args.data, args.split)
    if src is None:
        raise SystemExit(f"no split {args.split!r} under {args.data}")
    split = load_split(src, size, limit=args.limit)
    dst = args.out / args.split
    dst.mkdir(parents=True, exist_ok=True)
    (args.out / "synthesis.json").write_text(json.dumps({
        "weights": str(args.weights), "step": int(ck.get("step", 0)), "sampler": "paper", "steps": args.steps,
        "psi": 1.0, "lambda": 1.0, "source": str(args.data), "seed": args.seed}, indent=2))
    dirs = sorted(p for p in src.iterdir() if p.is_dir() and (p / "xray.png").exists())[:len(split)]
    todo = [i for i, d in enumerate(dirs) if not (dst / d.name / "xray.png").exists()]
    sched = Schedule()
    t0, done = time.time(), 0
    for b in range(0, len(todo), args.batch):
        idx = todo[b:b + args.batch]
        gen = torch.Generator().manual_seed(args.seed * 1_000_003 + idx[0])
        with torch.no_grad():
            x = sample(net, split.cond[idx], sched, steps=args.steps, generator=gen)
        for j, i in enumerate(idx):
            o = dst / dirs[i].name
            o.mkdir(exist_ok=True)
            for name in ("original.png", "keypoints.json"):
                if (dirs[i] / name).exists():
                    shutil.copyfile(dirs[i] / name, o / name)
            tmp = o / "xray.png.tmp"
            Image.fromarray(to_uint8(x[j])).save(tmp, format="PNG")
            tmp.replace(o / "xray.png")
        done += len(idx)
        rate = done / max(1e-9, time.time() - t0)
        print(f"\r{args.split}: {len(dirs) - len(todo) + done}/{len(dirs)} ({rate:.1f}/s, "
              f"{(len(todo) - done) / max(rate, 1e-9) / 60:.1f} min left)", end="", flush=True)
    print(f"\nwrote {done} synthesized X-rays under {dst} ({len(dirs) - len(todo)} were already there)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
