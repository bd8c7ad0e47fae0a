#!/usr/bin/python3
"""Export SCCDM denoiser EMA weights to ONNX (opset 17) with the project's contract, then check
parity against torch in ONNX Runtime (via node) and fail loudly if any output differs > 1e-4.

Contract: inputs d_t f32 [N,1,H,W], cond f32 [N,1,H,W], t i64 [N];
outputs eps [N,1,H,W], attn [N,1,h,w], feat_0..feat_{L-1} [N,1,H_l,W_l] (feat_0 finest).

Example:
  /usr/bin/python3 export.py --weights runs/kiosk/last.pt --out ../sccdm-kiosk.onnx \
      --training-data "phantom v1, train 4000 (seeds 0..3999), 128px"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sccdm_train import __version__  # noqa: E402
from sccdm_train.common import load_ckpt, load_state_any_dtype  # noqa: E402
from sccdm_train.dataset import COND_GRAY  # noqa: E402
from sccdm_train.diffusion import Schedule  # noqa: E402
from sccdm_train.onnx_export import export_onnx  # noqa: E402
from sccdm_train.ort import ort_available, parity  # noqa: E402
from sccdm_train.unet import CONFIGS, UNet, UNetConfig, get_config  # noqa: E402

MAX_BYTES = 20 * 1024 * 1024


class _Flat(nn.Module):
    """Flattens (eps, attn, [feats]) into the tuple order of the ONNX outputs."""

    def __init__(self, net: UNet):
        super().__init__()
        self.net = net

    def forward(self, d_t, cond, t):
        eps, attn, feats = self.net(d_t, cond, t)
        return (eps, attn, *feats)


def output_names(cfg: UNetConfig) -> List[str]:
    return ["eps", "attn", *[f"feat_{i}" for i in range(len(cfg.mult))]]


def metadata(cfg: UNetConfig, sched: Schedule, training_data: str, step: int, psi: float = 1.0) -> Dict[str, str]:
    return {
        "sccdm.T": str(sched.T),
        "sccdm.beta_start": repr(sched.beta_start),
        "sccdm.beta_end": repr(sched.beta_end),
        "sccdm.schedule": "linear",
        "sccdm.image_size": str(cfg.image_size),
        "sccdm.psi": repr(float(psi)),
        "sccdm.training_data": training_data,
        "sccdm.version": __version__,
        "sccdm.config": cfg.name,
        "sccdm.cond_gray": COND_GRAY,
        "sccdm.prediction": "epsilon",
        "sccdm.trained_prediction": {"v": "v (converted to epsilon in the graph)"}.get(cfg.prediction, "epsilon"),
        "sccdm.domain": "diff: d = x - c; x = clamp(d0 + c, -1, 1)",
        "sccdm.feat_order": "feat_0 finest decoder level .. feat_{L-1} coarsest",
        "sccdm.train_steps": str(step),
    }


def export_denoiser(net: UNet, out: Path, training_data: str, step: int = 0, check: bool = True,
                    tol: float = 1e-4, seed: int = 0, log=print, psi: float = 1.0) -> Dict[str, float]:
    """Export ``net`` (already holding EMA weights) and run the ORT parity check when ``check``."""
    cfg = net.cfg
    net = net.eval().cpu()
    s = cfg.image_size
    g = torch.Generator().manual_seed(seed)
    ex = (torch.randn(1, 1, s, s, generator=g), torch.rand(1, 1, s, s, generator=g) * 2 - 1,
          torch.tensor([500], dtype=torch.long))
    sched = Schedule()
    export_onnx(_Flat(net), ex, out, ["d_t", "cond", "t"], output_names(cfg),
                metadata(cfg, sched, training_data, step, psi))
    size = Path(out).stat().st_size
    log(f"wrote {out}: {size / 1e6:.2f} MB ({'OK' if size <= MAX_BYTES else 'TOO BIG'} vs 20 MB limit)")
    if size > MAX_BYTES:
        raise SystemExit(f"{out} is {size} bytes > 20 MB")
    diffs: Dict[str, float] = {}
    if check:
        # Batch 2 (exercises the dynamic axis), different t per item, one extreme t.
        d = torch.randn(2, 1, s, s, generator=g)
        c = torch.rand(2, 1, s, s, generator=g) * 2 - 1
        t = torch.tensor([999, 37], dtype=torch.long)
        with torch.no_grad():
            ref = _Flat(net)(d, c, t)
        expected = {n: r.numpy() for n, r in zip(output_names(cfg), ref)}
        diffs = parity(out, {"d_t": d.numpy(), "cond": c.numpy(), "t": t.numpy()}, expected, tol)
        log("parity ORT vs torch (max abs): " + ", ".join(f"{k}={v:.2e}" for k, v in diffs.items()))
    return diffs


def load_net(weights: Optional[Path], config: str) -> (UNet, int):
    if weights is None:
        return UNet(get_config(config)), 0
    ck = load_ckpt(weights)
    net = UNet(UNetConfig.from_dict(ck["config"]))
    load_state_any_dtype(net, ck["ema"])
    return net, int(ck.get("step", 0))


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", type=Path, help="RUN_DIR/last.pt or a --export-weights file (EMA weights used)")
    p.add_argument("--config", default="kiosk", choices=sorted(CONFIGS),
                   help="only without --weights: export an untrained net of this config (for sizing/tests)")
    p.add_argument("--out", type=Path, required=True, help="output .onnx path")
    p.add_argument("--training-data", required=True,
                   help='string for sccdm.training_data, e.g. "phantom v1, 4000 train seeds 0-3999, 128px"')
    p.add_argument("--psi", type=float, default=1.0,
                   help="the attention-gate threshold ψ the app samples this model with (sccdm.psi; default 1.0, the "
                        "reference code's). Attention column sums average 1, so ψ ≥ the middle block's token count "
                        "turns the gate off. Choose it on the validation split: sccdm eval --psi")
    p.add_argument("--no-parity", action="store_true", help="skip the ORT parity check (not recommended)")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    if not args.no_parity and ort_available():
        raise SystemExit(f"parity check impossible: {ort_available()} (use --no-parity to skip)")
    if not args.psi >= 0:
        raise SystemExit(f"--psi must be a number >= 0, got {args.psi}")
    net, step = load_net(args.weights, args.config)
    export_denoiser(net, args.out, args.training_data, step, check=not args.no_parity, psi=args.psi)
    return 0


if __name__ == "__main__":
    sys.exit(main())
