"""Shared training plumbing: EMA, atomic resumable checkpoints, RNG state, logging, signals."""

from __future__ import annotations

import copy
import json
import math
import os
import random
import signal
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import torch
from torch import nn


def pick_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise SystemExit("--device cuda requested but torch.cuda.is_available() is False")
    return torch.device(name)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % (2**32))
    torch.manual_seed(seed)


class EMA:
    """Exponential moving average of weights with warm-up: decay_k = min(decay, (1+k)/(10+k))."""

    def __init__(self, model: nn.Module, decay: float = 0.999):
        self.decay = decay
        self.model = copy.deepcopy(model).eval()
        for p in self.model.parameters():
            p.requires_grad_(False)

    @torch.no_grad()
    def update(self, model: nn.Module, step: int) -> None:
        d = min(self.decay, (1.0 + step) / (10.0 + step))
        for pe, pm in zip(self.model.parameters(), model.parameters()):
            pe.mul_(d).add_(pm.detach(), alpha=1.0 - d)
        for be, bm in zip(self.model.buffers(), model.buffers()):
            be.copy_(bm)


def rng_state(gen: torch.Generator) -> Dict[str, Any]:
    st = {
        "python": random.getstate(),
        "numpy": np.random.get_state(),
        "torch": torch.get_rng_state(),
        "gen": gen.get_state(),
    }
    if torch.cuda.is_available():
        st["cuda"] = torch.cuda.get_rng_state_all()
    return st


def set_rng_state(st: Dict[str, Any], gen: torch.Generator) -> None:
    random.setstate(st["python"])
    np.random.set_state(st["numpy"])
    torch.set_rng_state(st["torch"])
    gen.set_state(st["gen"])
    if "cuda" in st and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(st["cuda"])


def atomic_save(obj: Any, path: Path) -> None:
    """torch.save to a temp file in the same folder, fsync, then rename: never a torn file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        torch.save(obj, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load_ckpt(path: Path) -> Dict[str, Any]:
    return torch.load(path, map_location="cpu")


def weights_only(ckpt: Dict[str, Any], fp16: bool) -> Dict[str, Any]:
    """Small committable file: EMA weights (+ config, step); no optimizer, no RNG."""
    sd = ckpt["ema"]
    if fp16:
        sd = {k: (v.half() if v.is_floating_point() else v) for k, v in sd.items()}
    out = {k: v for k, v in ckpt.items() if k not in ("model", "ema", "optimizer", "rng")}
    out["ema"] = sd
    out["weights_only"] = True
    return out


def load_state_any_dtype(model: nn.Module, sd: Dict[str, torch.Tensor], new_prefixes: Tuple[str, ...] = ()) -> List[str]:
    """Loads ``sd`` into ``model`` in the model's dtypes. Parameters under ``new_prefixes`` may be absent from ``sd``
    (a branch added to a trained net keeps its own initialisation); any other mismatch is an error. Returns the
    names left at their initialisation."""
    ref = model.state_dict()
    kept = [k for k in ref if k not in sd and k.startswith(new_prefixes)]  # startswith(()) is False
    state = {k: v.to(ref[k].dtype) for k, v in sd.items()}
    state.update({k: ref[k] for k in kept})
    model.load_state_dict(state)
    return kept


class StopFlag:
    """Turns SIGINT/SIGTERM into a flag the training loop polls, so it can checkpoint and exit."""

    def __init__(self) -> None:
        self.signum: Optional[int] = None
        self._old: Dict[int, Any] = {}

    def __enter__(self) -> "StopFlag":
        for s in (signal.SIGINT, signal.SIGTERM):
            try:
                self._old[s] = signal.signal(s, self._handle)
            except ValueError:  # not the main thread (e.g. some test runners)
                pass
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.signum = signum

    def __exit__(self, *exc: Any) -> None:
        for s, h in self._old.items():
            signal.signal(s, h)

    @property
    def stop(self) -> bool:
        return self.signum is not None


class Logger:
    """Appends human-readable lines to train.log and JSON records to train.jsonl."""

    def __init__(self, run_dir: Path, quiet: bool = False):
        self.run_dir = Path(run_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.quiet = quiet

    def text(self, msg: str) -> None:
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {msg}"
        with open(self.run_dir / "train.log", "a") as f:
            f.write(line + "\n")
        if not self.quiet:
            print(line, flush=True)

    def record(self, rec: Dict[str, Any]) -> None:
        with open(self.run_dir / "train.jsonl", "a") as f:
            f.write(json.dumps(rec) + "\n")
        self.text(" ".join(f"{k}={v:.5g}" if isinstance(v, float) else f"{k}={v}" for k, v in rec.items()))


def export_weights(run_dir: Path, out: Path, fp16: bool) -> None:
    """Writes the committable weights-only file (EMA, config, step) of RUN_DIR/last.pt."""
    ck = load_ckpt(run_dir / "last.pt")
    atomic_save(weights_only(ck, fp16), out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, step {ck['step']}, fp16={fp16})")


def open_run(args: Any) -> tuple:
    """The start of a training run shared by both models: threads, device, log, and what to resume or start from.

    Returns (device, log, last, ckpt, init): ``ckpt`` is RUN_DIR/last.pt when it exists, else ``init`` is the
    ``--init-from`` weights file (or None).
    """
    if args.data is None:
        raise SystemExit("--data is required for training")
    run_dir: Path = args.out
    torch.set_num_threads(args.threads)
    device = pick_device(args.device)
    log = Logger(run_dir, quiet=args.quiet)
    last = run_dir / "last.pt"
    ckpt = load_ckpt(last) if last.exists() else None
    init = load_ckpt(args.init_from) if (ckpt is None and args.init_from) else None
    return device, log, last, ckpt, init


# Branches a run may add to the net it is initialised from (``--head-res``); they start as a no-op.
NEW_BRANCHES = ("head_res.",)


def restore(ckpt: Optional[Dict[str, Any]], init: Optional[Dict[str, Any]], init_path: Any, model: nn.Module,
            ema: "EMA", opt: torch.optim.Optimizer, gen: torch.Generator, log: Any, last: Path) -> int:
    """Resumes from a full checkpoint (model, EMA, optimizer, RNG) or starts from a weights-only file; returns the step."""
    if ckpt is not None:
        model.load_state_dict(ckpt["model"])
        ema.model.load_state_dict(ckpt["ema"])
        opt.load_state_dict(ckpt["optimizer"])
        set_rng_state(ckpt["rng"], gen)
        log.text(f"resumed from {last} at step {int(ckpt['step'])}")
        return int(ckpt["step"])
    if init is not None:
        kept = load_state_any_dtype(model, init["ema"], NEW_BRANCHES)
        ema.model.load_state_dict(model.state_dict())
        log.text(f"initialised from {init_path} (step {int(init.get('step', 0))}); optimizer is fresh")
        if kept:
            log.text(f"new branch, not in {init_path}, starts at its own initialisation (a zero last layer): "
                     f"{', '.join(kept)}")
        return int(init.get("step", 0))
    return 0


def lr_at(step: int, base: float, warmup: int, start: int = 0, end: int = 0) -> float:
    """Linear warm-up over ``warmup`` steps from ``start``; then constant, or, when ``end > start``, a cosine decay
    to zero at step ``end``."""
    k = step - start
    lr = base * min(1.0, (k + 1) / max(1, warmup))
    if end > start and k >= warmup:
        lr *= 0.5 * (1.0 + math.cos(math.pi * min(1.0, (k - warmup) / max(1, end - start - warmup))))
    return lr
