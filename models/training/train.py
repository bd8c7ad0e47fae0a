#!/usr/bin/python3
"""Train the SCCDM denoiser in the diff domain (d0 = x − c), ε-prediction, MSE.

Resumes automatically from RUN_DIR/last.pt. Ctrl-C / SIGTERM write a checkpoint and exit.

Examples:
  /usr/bin/python3 train.py --data data --config kiosk --out runs/kiosk --steps 200000
  /usr/bin/python3 train.py --out runs/kiosk --export-weights weights/kiosk.pt --fp16
  /usr/bin/python3 train.py --data data --out runs/k2 --init-from weights/kiosk.pt --steps 300000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sccdm_train import __version__  # noqa: E402
from sccdm_train.common import (EMA, Logger, StopFlag, atomic_save, export_weights, lr_at,  # noqa: E402
                                open_run, restore, rng_state, seed_everything)
from sccdm_train.dataset import Split, find_split_dir, load_split, save_grid  # noqa: E402
from sccdm_train.detector import keypoint_consistency, load_detector  # noqa: E402
from sccdm_train.diffusion import Schedule, rollout, sample, ssim, trailing_timesteps  # noqa: E402
from sccdm_train.unet import CONFIGS, UNet, UNetConfig, check_size, count_params, get_config  # noqa: E402


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, help="dataset root holding train/ (and optionally val/), or a split folder")
    p.add_argument("--config", default="kiosk", choices=sorted(CONFIGS), help="architecture (default kiosk)")
    p.add_argument("--out", type=Path, required=True, help="run folder: last.pt, train.log, train.jsonl, previews")
    p.add_argument("--steps", type=int, default=100000, help="total optimizer steps to reach (resume counts)")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--lr", type=float, default=None, help="peak learning rate (default: the config's)")
    p.add_argument("--warmup", type=int, default=500, help="linear LR warm-up steps")
    p.add_argument("--cosine", action="store_true",
                   help="cosine-decay the lr to 0 at --steps, counted from the step --cosine was first given")
    p.add_argument("--focus-steps", type=int, default=0, metavar="S",
                   help="draw part of each batch's timesteps from the trailing timesteps of an S-step sampler "
                        "(the ones the app runs; 0 = uniform t only)")
    p.add_argument("--focus-frac", type=float, default=0.5,
                   help="with --focus-steps: the share of timesteps drawn from that grid (default 0.5)")
    p.add_argument("--unroll", type=int, default=0, metavar="S",
                   help="also run the app's S-step paper-variant sampler (η = 0, from fresh noise) on each batch, with "
                        "gradients through every step, and add the MSE of its output against the real X-ray to the "
                        "loss: the net learns to clean up what its own previous step hands it (0 = off)")
    p.add_argument("--unroll-psi", type=float, default=1.0, help="with --unroll: the gate threshold ψ (default 1.0)")
    p.add_argument("--unroll-lambda", type=float, default=1.0, help="with --unroll: the refinement strength λ")
    p.add_argument("--unroll-ssim", type=float, default=0.0, metavar="W",
                   help="with --unroll: also add W·(1 − SSIM) of the sample against the real X-ray; SSIM punishes the "
                        "faint grain a sample leaves on flat background far more than the MSE does")
    p.add_argument("--unroll-keypoints", type=float, default=0.0, metavar="W",
                   help="with --unroll: also add W times the squared difference between the keypoint detector's "
                        "heatmaps on the sample and on the real X-ray: a skeletal constraint on where the bones land, "
                        "which the angles are measured from (0 = off)")
    p.add_argument("--detector", type=Path, default=Path(__file__).resolve().parent / "weights" / "foot-keypoints.pt",
                   help="with --unroll-keypoints: the frozen detector's weights (default: the shipped one's)")
    p.add_argument("--weight-decay", type=float, default=0.0, help="AdamW weight decay")
    p.add_argument("--grad-clip", type=float, default=1.0)
    p.add_argument("--ema-decay", type=float, default=0.999)
    p.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    p.add_argument("--bf16", action="store_true",
                   help="run the network's forward passes under bfloat16 autocast (weights, optimizer, EMA and losses "
                        "stay float32). On a CPU with AVX-512 BF16 a kiosk-wide step is ×1.7 faster (SIZING.md); "
                        "elsewhere it may be slower. Resumable either way: checkpoints are float32")
    p.add_argument("--size", type=int, default=None, help="image size (default: the config's)")
    p.add_argument("--reset-ema", action="store_true",
                   help="copy the online weights into the EMA before training (after switching --prediction, the EMA "
                        "would otherwise average weights trained for the old target for thousands of steps)")
    p.add_argument("--prediction", choices=["eps", "v"], default=None,
                   help="what the last layer learns when a run starts (default: the config's or --init-from's, eps). "
                        "v-prediction is converted to ε inside the graph, so the ONNX contract is unchanged")
    p.add_argument("--head-res", type=int, default=None, metavar="C",
                   help="new runs: add a full-resolution branch of width C beside the head (configs with a "
                        "pixel-unshuffle stem, such as kiosk); with "
                        "--init-from it starts as a no-op, so the run continues from the given net unchanged")
    p.add_argument("--device", default="cpu", help="cpu | cuda | cuda:N | auto")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-flip", action="store_true", help="disable random horizontal flips")
    p.add_argument("--limit", type=int, default=None, help="use only the first N training samples")
    p.add_argument("--ckpt-every", type=int, default=500, help="write last.pt every K steps")
    p.add_argument("--log-every", type=int, default=50)
    p.add_argument("--sample-every", type=int, default=2000, help="preview grid every K steps (0 = never)")
    p.add_argument("--sample-count", type=int, default=4, help="validation pairs in the preview")
    p.add_argument("--val-every", type=int, default=1000, metavar="K",
                   help="every K steps, score the EMA weights on the first --val-count validation pairs with the "
                        "app's default sampler (paper variant, --val-steps steps, noise seed 1234): val_ssim, val_psnr "
                        "and val_mae in train.jsonl, the learning curve of the model card (0 = never)")
    p.add_argument("--val-count", type=int, default=40, help="validation pairs scored by --val-every (default 40)")
    p.add_argument("--val-steps", type=int, default=2, help="sampler steps for --val-every (default 2, the app's)")
    p.add_argument("--init-from", type=Path, help="start a NEW run from a weights file (model+EMA); ignored on resume")
    p.add_argument("--export-weights", type=Path, metavar="FILE",
                   help="do not train: write RUN_DIR/last.pt's EMA weights (+config) to FILE and exit")
    p.add_argument("--fp16", action="store_true", help="with --export-weights: store weights as float16")
    p.add_argument("--quiet", action="store_true", help="log to files only")
    return p


def draw_timesteps(n: int, T: int, focus: torch.Tensor, frac: float, gen: torch.Generator) -> torch.Tensor:
    """n timesteps, uniform in 0..T-1; with a non-empty ``focus`` grid, each is instead drawn from the grid with
    probability ``frac`` (the sampler only ever evaluates the net there)."""
    t = torch.randint(T, (n,), generator=gen)
    if len(focus):
        pick = torch.rand(n, generator=gen) < frac
        t = torch.where(pick, focus[torch.randint(len(focus), (n,), generator=gen)], t)
    return t


def preview(ema_model: UNet, val: Split, sched: Schedule, run_dir: Path, step: int, count: int,
            device: torch.device, log: Logger, steps: int = 4) -> None:
    """``steps``-step trailing DDIM (SCCDM paper variant) on a few val pairs; PNG grid + MAE vs baseline."""
    n = min(count, len(val))
    c = val.cond[:n].to(device)
    x = val.xray[:n].to(device)
    gen = torch.Generator(device=device).manual_seed(1234)
    synth = sample(ema_model, c, sched, steps=steps, generator=gen)
    mae = (synth - x).abs().mean().item() / 2.0  # in [0,1] intensity units
    base = (c - x).abs().mean().item() / 2.0
    save_grid([[c[i], x[i], synth[i]] for i in range(n)], run_dir / f"preview_{step:07d}.png")
    log.record({"step": step, "preview_mae": mae, "cond_baseline_mae": base})


@torch.no_grad()
def validate(ema_model: UNet, val: Split, sched: Schedule, step: int, count: int, steps: int, device: torch.device,
             log: Logger, batch: int = 20) -> Dict[str, float]:
    """SSIM (as `sccdm eval` defines it), PSNR and MAE of ``steps``-step samples of the first ``count`` validation
    pairs, intensities in [0, 1]; the same noise every time, so successive records differ only by the weights."""
    n = min(count, len(val))
    gen = torch.Generator(device=device).manual_seed(1234)
    s_sum, p_sum, m_sum = 0.0, 0.0, 0.0
    for i in range(0, n, batch):
        c = val.cond[i:i + batch].to(device)
        x = (val.xray[i:i + batch].to(device) + 1) / 2
        y = (sample(ema_model, c, sched, steps=steps, generator=gen) + 1) / 2
        for a, b in zip(y, x):
            s_sum += ssim(a[None], b[None]).item()
            p_sum += (10 * torch.log10(1 / ((a - b) ** 2).mean().clamp_min(1e-10))).item()
            m_sum += (a - b).abs().mean().item()
    rec = {"step": step, "val_ssim": s_sum / n, "val_psnr": p_sum / n, "val_mae": m_sum / n, "val_count": n,
           "val_steps": steps}
    log.record(rec)
    return rec


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    run_dir: Path = args.out
    if args.export_weights:
        export_weights(run_dir, args.export_weights, args.fp16)
        return 0
    if args.unroll_keypoints > 0 and args.unroll <= 0:
        raise SystemExit("--unroll-keypoints constrains the unrolled sample: give --unroll S as well")
    if args.unroll_keypoints > 0 and not args.detector.exists():
        raise SystemExit(f"--unroll-keypoints needs the detector's weights: {args.detector} does not exist")
    device, log, last, ckpt, init = open_run(args)

    if ckpt is not None:
        cfg = UNetConfig.from_dict(ckpt["config"])
        if cfg.name != args.config:
            log.text(f"note: resuming run with config {cfg.name!r} (ignoring --config {args.config})")
    elif init is not None:
        cfg = UNetConfig.from_dict(init["config"])
    else:
        cfg = get_config(args.config, args.size)
    if ckpt is None and args.prediction is not None:
        cfg.prediction = args.prediction
    if ckpt is None and args.head_res is not None:
        if cfg.stem <= 1:
            raise SystemExit(f"--head-res needs a config with a pixel-unshuffle stem; {cfg.name!r} has none")
        cfg.head_res = args.head_res
    size = cfg.image_size
    check_size(cfg, size)
    # Checked before the data loads: a wrong detector should not cost the wait.
    detector = None
    if args.unroll_keypoints > 0:
        detector, det_step = load_detector(args.detector, size)
        if detector.cfg.input_size != size:
            raise SystemExit(f"the detector at {args.detector} takes {detector.cfg.input_size}px X-rays, not {size}px")
        detector.to(device).eval().requires_grad_(False)
        log.text(f"skeletal constraint: + {args.unroll_keypoints}·(heatmap difference) of the detector at "
                 f"{args.detector} (step {det_step}, frozen) on the sample against the real X-ray")
    seed_everything(args.seed)
    gen = torch.Generator().manual_seed(args.seed)

    root = Path(args.data)
    train_dir = find_split_dir(root, "train")
    if train_dir is None:
        raise SystemExit(f"no train split under {root}")
    t0 = time.time()
    data = load_split(train_dir, size, limit=args.limit)
    val_dir = find_split_dir(root, "val")
    val = load_split(val_dir, size, limit=max(args.sample_count, args.val_count if args.val_every else 0)) \
        if val_dir else data
    log.text(f"data: {len(data)} train samples from {train_dir} at {size}px ({time.time() - t0:.1f}s), "
             f"preview from {'val' if val_dir else 'train'}")

    model = UNet(cfg).to(device)
    ema = EMA(model, args.ema_decay)
    lr = args.lr if args.lr is not None else cfg.lr
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=args.weight_decay)
    sched = Schedule()
    step = restore(ckpt, init, args.init_from, model, ema, opt, gen, log, last)
    # The cosine decay (and its warm-up) counts from the step --cosine was first given, kept in the checkpoint, so a
    # constant-lr run can be resumed into an annealing phase; without --cosine the warm-up counts from step 0.
    if not args.cosine:
        lr_start = 0
    elif ckpt is not None and ckpt.get("lr_start") is not None:
        lr_start = int(ckpt["lr_start"])
    else:
        lr_start = step
    lr_end = args.steps if args.cosine else 0
    focus = torch.tensor(trailing_timesteps(sched.T, args.focus_steps) if args.focus_steps > 0 else [], dtype=torch.long)
    if args.unroll > 0:
        log.text(f"unrolled: + MSE of the {args.unroll}-step paper-variant sample (ψ {args.unroll_psi}, "
                 f"λ {args.unroll_lambda}) against the real X-ray, gradients through every step"
                 + (f", + {args.unroll_ssim}·(1 − SSIM)" if args.unroll_ssim > 0 else ""))
    if args.focus_steps > 0:
        log.text(f"timesteps: {args.focus_frac:.0%} from the {args.focus_steps}-step grid {focus.tolist()}, "
                 f"the rest uniform in 0..{sched.T - 1}")
    if args.reset_ema:
        ema.model.load_state_dict(model.state_dict())
        log.text(f"EMA restarted from the online weights at step {step}")
    log.text(f"config {cfg.name}: {count_params(model):,} params, lr {lr}, batch {args.batch}, "
             f"device {device}, threads {args.threads}, target {args.steps} steps"
             + (", bfloat16 autocast" if args.bf16 else ""))
    (run_dir / "config.json").write_text(json.dumps({"config": cfg.to_dict(), "args": {
        k: str(v) for k, v in vars(args).items()}}, indent=2))

    def save(reason: str) -> None:
        atomic_save({
            "kind": "sccdm-denoiser", "version": __version__, "config": cfg.to_dict(), "step": step,
            "schedule": {"T": sched.T, "beta_start": sched.beta_start, "beta_end": sched.beta_end},
            "model": model.state_dict(), "ema": ema.model.state_dict(), "optimizer": opt.state_dict(),
            "rng": rng_state(gen), "lr_start": lr_start if args.cosine else None, "args": {k: str(v) for k, v in vars(args).items()},
        }, last)
        log.text(f"checkpoint step {step} ({reason}) -> {last}")

    def net_fn(d: torch.Tensor, c: torch.Tensor, t: torch.Tensor):
        """The network for the unrolled sampler: under --bf16 only the network runs in bfloat16, the sampler's
        arithmetic (its blur and gate included) stays float32 as in the app."""
        if not args.bf16:
            return model(d, c, t)
        with torch.autocast(device.type, dtype=torch.bfloat16):
            e, a, f = model(d, c, t)
        return e.float(), a.float(), [x.float() for x in f]

    model.train()
    ema_loss: Optional[float] = None
    acc_loss, acc_n, acc_unroll, acc_ssim, acc_kp, t_last = 0.0, 0, 0.0, 0.0, 0.0, time.time()
    exit_code = 0
    with StopFlag() as stop:
        while step < args.steps:
            idx = torch.randint(len(data), (args.batch,), generator=gen)
            c = data.cond[idx]
            x = data.xray[idx]
            if not args.no_flip:
                flip = torch.rand(args.batch, generator=gen) < 0.5
                c = torch.where(flip[:, None, None, None], c.flip(-1), c)
                x = torch.where(flip[:, None, None, None], x.flip(-1), x)
            t = draw_timesteps(args.batch, sched.T, focus, args.focus_frac, gen)
            eps = torch.randn(c.shape, generator=gen)
            c, x, t, eps = c.to(device), x.to(device), t.to(device), eps.to(device)
            d_t = sched.q_sample(x - c, t, eps)
            for g in opt.param_groups:
                g["lr"] = lr_at(step, lr, args.warmup, lr_start, lr_end)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.bf16):
                pred, _, _ = model(d_t, c, t, raw=True)
            pred = pred.float()
            if cfg.prediction == "v":
                ab = sched.abar(t)
                target = ab.sqrt() * eps - (1.0 - ab).sqrt() * (x - c)
            else:
                target = eps
            loss = F.mse_loss(pred, target)
            if args.unroll > 0:
                z = torch.randn(c.shape, generator=gen).to(device)
                d0 = rollout(net_fn, c, z, sched, args.unroll, args.unroll_psi, args.unroll_lambda)
                unroll_loss = F.mse_loss(d0, x - c)
                acc_unroll += unroll_loss.item()
                loss = loss + unroll_loss
                x_hat = (d0 + c).clamp(-1, 1)  # the sample as the app shows it
                if args.unroll_ssim > 0:
                    s = ssim((x_hat + 1) / 2, (x + 1) / 2)
                    acc_ssim += s.item()
                    loss = loss + args.unroll_ssim * (1 - s)
                if detector is not None:
                    kp = keypoint_consistency(detector, x_hat, x)
                    acc_kp += kp.item()
                    loss = loss + args.unroll_keypoints * kp
            opt.zero_grad(set_to_none=True)
            loss.backward()
            if args.grad_clip > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.grad_clip)
            opt.step()
            ema.update(model, step)
            step += 1
            lv = loss.item()
            ema_loss = lv if ema_loss is None else 0.98 * ema_loss + 0.02 * lv
            acc_loss += lv
            acc_n += 1
            if step % args.log_every == 0 or step == args.steps:
                now = time.time()
                rec = {"step": step, "loss": acc_loss / acc_n, "ema_loss": ema_loss,
                       "sec_per_step": (now - t_last) / acc_n, "lr": opt.param_groups[0]["lr"]}
                if args.unroll > 0:
                    rec["unroll_mse"] = acc_unroll / acc_n
                if args.unroll > 0 and args.unroll_ssim > 0:
                    rec["unroll_ssim"] = acc_ssim / acc_n
                if detector is not None:
                    rec["unroll_kp"] = acc_kp / acc_n
                log.record(rec)
                acc_loss, acc_n, acc_unroll, acc_ssim, acc_kp, t_last = 0.0, 0, 0.0, 0.0, 0.0, now
            if args.val_every and step % args.val_every == 0:
                validate(ema.model, val, sched, step, args.val_count, args.val_steps, device, log)
            if args.sample_every and step % args.sample_every == 0:
                preview(ema.model, val, sched, run_dir, step, args.sample_count, device, log,
                        steps=args.unroll if args.unroll > 0 else 4)
            if stop.stop:
                save(f"signal {stop.signum}")
                exit_code = 128 + int(stop.signum)
                break
            if step % args.ckpt_every == 0 and step < args.steps:
                save("periodic")
        else:
            save("done")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
