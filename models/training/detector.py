#!/usr/bin/python3
"""Foot keypoint detector: train (with resume) and export to ONNX (heatmaps [N,10,H/4,W/4]).

Trains on the dataset's ground-truth X-rays with heavy augmentation (rotation/scale/translation/
flip, gamma/contrast, blur, noise, low-frequency blotches) because at run time it sees
*synthesized* X-rays, which are blurrier and noisier.

Examples:
  /usr/bin/python3 detector.py train --data data --out runs/det --steps 20000
  /usr/bin/python3 detector.py train --data data --out runs/det-mse --init-from runs/det/last.pt \
      --loss mse --lr 5e-4 --cosine --warmup 100 --steps 5115      # sub-pixel fine-tune
  /usr/bin/python3 detector.py train --out runs/det --export-weights weights/detector.pt
  /usr/bin/python3 detector.py export --weights runs/det/last.pt --out ../keypoints.onnx \
      --training-data "phantom v1, 4000 train seeds 0-3999, 128px"
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sccdm_train import __version__  # noqa: E402
from sccdm_train.common import (EMA, Logger, StopFlag, atomic_save, export_weights, lr_at, open_run,  # noqa: E402
                                restore, rng_state, seed_everything)
from sccdm_train.dataset import KEYPOINT_NAMES, Split, find_split_dir, load_split  # noqa: E402
from sccdm_train.detector import (STRIDE, SUBPIXEL, DetectorConfig, KeypointNet, decode, focal_loss, kcc,  # noqa: E402
                                  load_detector, make_targets, mse_loss, photometric, random_affine)
from sccdm_train.onnx_export import export_onnx  # noqa: E402
from sccdm_train.ort import ort_available, parity  # noqa: E402

MAX_BYTES = 20 * 1024 * 1024


@torch.no_grad()
def evaluate(net: KeypointNet, val: Split, device: torch.device, degrade: bool, seed: int = 0) -> Dict[str, float]:
    """Mean keypoint error (input px), PCK@3px and mean KCC on val (optionally degraded)."""
    net.eval()
    x = val.xray.to(device)
    if degrade:
        x = photometric(x.cpu(), torch.Generator().manual_seed(seed)).to(device)
    coords, conf = decode(net(x).cpu())
    gt = val.keypoints
    ok = torch.isfinite(gt).all(-1)
    err = (coords - gt).norm(dim=-1)[ok]
    return {"err_px": float(err.mean()), "pck3": float((err <= 3).float().mean()),
            "kcc": float(kcc(conf).mean())}


def cmd_train(args: argparse.Namespace) -> int:
    run_dir: Path = args.out
    if args.export_weights:
        export_weights(run_dir, args.export_weights, args.fp16)
        return 0
    device, log, last, ckpt, init = open_run(args)
    src = ckpt or init
    cfg = DetectorConfig.from_dict(src["config"]) if src else DetectorConfig(input_size=args.size, sigma=args.sigma)
    if cfg.input_size % 16:
        raise SystemExit("--size must be divisible by 16")
    seed_everything(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    root = Path(args.data)
    train_dir = find_split_dir(root, "train")
    if train_dir is None:
        raise SystemExit(f"no train split under {root}")
    data = load_split(train_dir, cfg.input_size, limit=args.limit, need_photo=False)
    for extra_root in args.extra_data or []:
        extra_dir = find_split_dir(Path(extra_root), "train") if Path(extra_root).is_dir() else None
        if extra_dir is None:
            raise SystemExit(f"no train split under {extra_root}")
        extra = load_split(extra_dir, cfg.input_size, limit=args.limit, need_photo=False)
        log.text(f"data: + {len(extra)} train samples from {extra_dir}")
        data = Split(data.ids + extra.ids, torch.empty(0), torch.cat([data.xray, extra.xray]),
                     torch.cat([data.keypoints, extra.keypoints]), data.size, data.meta + extra.meta)
    val_dir = find_split_dir(root, "val")
    val = load_split(val_dir, cfg.input_size, limit=args.val_limit, need_photo=False) if val_dir else None
    log.text(f"data: {len(data)} train, {len(val) if val else 0} val samples at {cfg.input_size}px")

    net = KeypointNet(cfg).to(device)
    ema = EMA(net, args.ema_decay)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    step = restore(ckpt, init, args.init_from, net, ema, opt, gen, log, last)
    # The schedule counts from where this run began (a fine-tune from --init-from starts at that file's step).
    lr_start = int(ckpt.get("lr_start", 0)) if ckpt else step
    lr_end = args.steps if args.cosine else 0
    log.text(f"detector: {sum(p.numel() for p in net.parameters()):,} params, lr {args.lr}"
             f"{f' cosine to 0 over steps {lr_start}-{lr_end}' if args.cosine else ''}, batch {args.batch},"
             f" {args.loss} loss, σ {cfg.sigma}")

    def save(reason: str) -> None:
        atomic_save({"kind": "sccdm-keypoints", "version": __version__, "config": cfg.to_dict(), "step": step,
                     "model": net.state_dict(), "ema": ema.model.state_dict(), "optimizer": opt.state_dict(),
                     "rng": rng_state(gen), "lr_start": lr_start, "args": {k: str(v) for k, v in vars(args).items()}}, last)
        log.text(f"checkpoint step {step} ({reason}) -> {last}")

    hm = cfg.input_size // STRIDE
    acc, n_acc, t_last, exit_code = 0.0, 0, time.time(), 0
    with StopFlag() as stop:
        while step < args.steps:
            net.train()
            idx = torch.randint(len(data), (args.batch,), generator=gen)
            x, kp = data.xray[idx], data.keypoints[idx]
            if not args.no_aug:
                x, kp = random_affine(x, kp, gen)
                x = photometric(x, gen)
            tgt, valid = make_targets(kp, hm, cfg.sigma)
            for g in opt.param_groups:
                g["lr"] = lr_at(step, args.lr, args.warmup, lr_start, lr_end)
            logits = net.logits(x.to(device))
            if args.loss == "mse":
                loss = mse_loss(logits, tgt.to(device), valid.to(device))
            else:
                loss = focal_loss(logits, tgt.to(device))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            ema.update(net, step)
            step += 1
            acc += loss.item()
            n_acc += 1
            if step % args.log_every == 0 or step == args.steps:
                now = time.time()
                log.record({"step": step, "loss": acc / n_acc, "lr": opt.param_groups[0]["lr"],
                            "sec_per_step": (now - t_last) / n_acc})
                acc, n_acc, t_last = 0.0, 0, now
            if val is not None and args.eval_every and step % args.eval_every == 0:
                rec = {"step": step}
                for tag, deg in (("clean", False), ("degraded", True)):
                    rec.update({f"{tag}_{k}": v for k, v in evaluate(ema.model, val, device, deg).items()})
                log.record(rec)
            if stop.stop:
                save(f"signal {stop.signum}")
                exit_code = 128 + int(stop.signum)
                break
            if step % args.ckpt_every == 0 and step < args.steps:
                save("periodic")
        else:
            save("done")
    return exit_code


def export_detector(net: KeypointNet, out: Path, training_data: str, step: int = 0, check: bool = True,
                    log=print) -> Dict[str, float]:
    net = net.eval().cpu()
    s = net.cfg.input_size
    g = torch.Generator().manual_seed(0)
    meta = {
        "sccdm.keypoints": ",".join(KEYPOINT_NAMES),
        "sccdm.input_size": str(s),
        "sccdm.heatmap_stride": str(STRIDE),
        "sccdm.heatmap_coords": "x_img = (u + 0.5)*4 in continuous pixels (pixel centres at +0.5, as keypoints.json)",
        "sccdm.subpixel": SUBPIXEL,
        "sccdm.training_data": training_data,
        "sccdm.version": __version__,
        "sccdm.train_steps": str(step),
    }
    export_onnx(net, (torch.rand(1, 1, s, s, generator=g) * 2 - 1,), out, ["xray"], ["heatmaps"], meta)
    size = Path(out).stat().st_size
    log(f"wrote {out}: {size / 1e6:.2f} MB")
    if size > MAX_BYTES:
        raise SystemExit(f"{out} is larger than 20 MB")
    diffs: Dict[str, float] = {}
    if check:
        x = torch.rand(2, 1, s, s, generator=g) * 2 - 1
        with torch.no_grad():
            ref = net(x).numpy()
        diffs = parity(out, {"xray": x.numpy()}, {"heatmaps": ref})
        log(f"parity ORT vs torch (max abs): heatmaps={diffs['heatmaps']:.2e}")
    return diffs


def cmd_export(args: argparse.Namespace) -> int:
    torch.set_num_threads(args.threads)
    if not args.no_parity and ort_available():
        raise SystemExit(f"parity check impossible: {ort_available()} (use --no-parity to skip)")
    net, step = load_detector(args.weights, args.size)
    export_detector(net, args.out, args.training_data, step, check=not args.no_parity)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train", help="train (resumes from OUT/last.pt)")
    t.add_argument("--data", type=Path, help="dataset root with train/ (and val/)")
    t.add_argument("--extra-data", type=Path, action="append", metavar="ROOT",
                   help="another dataset root whose train/ joins the training set (repeatable), e.g. the "
                        "phantom's real X-rays beside a synthesize.py dataset given as --data")
    t.add_argument("--out", type=Path, required=True, help="run folder")
    t.add_argument("--steps", type=int, default=20000)
    t.add_argument("--batch", type=int, default=16)
    t.add_argument("--lr", type=float, default=2e-3)
    t.add_argument("--warmup", type=int, default=200)
    t.add_argument("--ema-decay", type=float, default=0.998)
    t.add_argument("--size", type=int, default=128, help="input size (divisible by 16)")
    t.add_argument("--sigma", type=float, default=1.5, help="target Gaussian σ in heatmap pixels (new runs only)")
    t.add_argument("--loss", choices=["focal", "mse"], default="focal",
                   help="focal: CenterNet focal loss (fast to converge); mse: squared error on the whole map "
                        "(sub-pixel accuracy; use it to fine-tune)")
    t.add_argument("--cosine", action="store_true",
                   help="cosine-decay the lr to 0 at --steps, counted from the step the run began at")
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--device", default="cpu")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--no-aug", action="store_true")
    t.add_argument("--limit", type=int, default=None)
    t.add_argument("--val-limit", type=int, default=200)
    t.add_argument("--ckpt-every", type=int, default=500)
    t.add_argument("--log-every", type=int, default=50)
    t.add_argument("--eval-every", type=int, default=1000)
    t.add_argument("--init-from", type=Path)
    t.add_argument("--export-weights", type=Path, metavar="FILE")
    t.add_argument("--fp16", action="store_true")
    t.add_argument("--quiet", action="store_true")
    t.set_defaults(func=cmd_train)
    e = sub.add_parser("export", help="export EMA weights to ONNX + ORT parity check")
    e.add_argument("--weights", type=Path, help="run last.pt or weights file (omit: untrained, for tests)")
    e.add_argument("--size", type=int, default=128, help="only without --weights")
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--training-data", required=True)
    e.add_argument("--no-parity", action="store_true")
    e.add_argument("--threads", type=int, default=2)
    e.set_defaults(func=cmd_export)
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
