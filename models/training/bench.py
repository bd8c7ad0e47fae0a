#!/usr/bin/python3
"""Size candidate kiosk denoisers: ORT (node, CPU) vs torch eager ms/forward at batch 1, and
train ms/step at batch 8, all at the same thread count. Prints a markdown table (SIZING.md).

  /usr/bin/python3 bench.py --threads 2 --runs 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))

from export import export_denoiser  # noqa: E402
from sccdm_train.diffusion import Schedule  # noqa: E402
from sccdm_train.ort import run_ort  # noqa: E402
from sccdm_train.unet import UNet, UNetConfig, count_params, get_config  # noqa: E402
from sccdm_train.detector import DetectorConfig, KeypointNet  # noqa: E402
from detector import export_detector  # noqa: E402

CANDIDATES: Dict[str, Dict] = {
    "K1 = kiosk: ch32 [1,2,2,4] ms-dec": dict(base_ch=32, mult=(1, 2, 2, 4), multiscale="decoder"),
    "K2 ch32 [1,2,2,2] plain": dict(base_ch=32, mult=(1, 2, 2, 2), multiscale="none"),
    "K3 ch24 [1,2,3,4] ms-dec": dict(base_ch=24, mult=(1, 2, 3, 4), multiscale="decoder"),
    "K4 ch32 [1,2,2,4] plain": dict(base_ch=32, mult=(1, 2, 2, 4), multiscale="none"),
}


def conv_gflops(net: torch.nn.Module, args) -> float:
    """Multiply-adds ×2 of Conv2d/Linear layers plus attention matmuls, counted with hooks."""
    total = [0.0]

    def conv_hook(m, inp, out):
        k = m.weight[0].numel()  # in/groups * kh * kw
        total[0] += 2.0 * out.numel() * k

    def lin_hook(m, inp, out):
        total[0] += 2.0 * out.numel() * m.in_features

    hs = []
    for m in net.modules():
        if isinstance(m, torch.nn.Conv2d):
            hs.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, torch.nn.Linear):
            hs.append(m.register_forward_hook(lin_hook))
    with torch.no_grad():
        net(*args)
    for h in hs:
        h.remove()
    return total[0] / 1e9


def randomize(net: torch.nn.Module) -> None:
    with torch.no_grad():
        for p in net.parameters():
            if p.dim() > 1 and float(p.abs().max()) == 0:
                p.normal_(0, 0.02)


def bench_one(name: str, cfg: UNetConfig, threads: int, runs: int, train_steps: int) -> Dict:
    torch.manual_seed(0)
    net = UNet(cfg)
    randomize(net)
    net.eval()
    s = cfg.image_size
    d, c, t = torch.randn(1, 1, s, s), torch.rand(1, 1, s, s) * 2 - 1, torch.tensor([500])
    gfl = conv_gflops(net, (d, c, t))
    with tempfile.TemporaryDirectory() as td:
        path = Path(td) / "m.onnx"
        export_denoiser(net, path, "bench", check=False, log=lambda *_: None)
        mb = path.stat().st_size / 1e6
        res = run_ort(path, {"d_t": d.numpy(), "cond": c.numpy(), "t": t.numpy()}, threads=threads,
                      bench_runs=runs, warmup=5)
    ort_ms = res["bench_ms"]["median"]
    times = []
    with torch.no_grad():
        for i in range(runs + 3):
            t0 = time.perf_counter()
            net(d, c, t)
            if i >= 3:
                times.append((time.perf_counter() - t0) * 1e3)
    torch_ms, torch_min = statistics.median(times), min(times)
    # train step, batch 8
    net.train()
    opt = torch.optim.AdamW(net.parameters(), lr=1e-4)
    sched = Schedule()
    tt = []
    for i in range(train_steps + 2):
        x0 = torch.randn(8, 1, s, s)
        cc = torch.rand(8, 1, s, s)
        tb = torch.randint(1000, (8,))
        e = torch.randn_like(x0)
        t0 = time.perf_counter()
        loss = F.mse_loss(net(sched.q_sample(x0, tb, e), cc, tb)[0], e)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if i >= 2:
            tt.append((time.perf_counter() - t0) * 1e3)
    return {"name": name, "params": count_params(net), "gflops": gfl, "mb": mb, "ort_ms": ort_ms,
            "ort_min": res["bench_ms"]["min"], "torch_ms": torch_ms,
            "torch_min": torch_min, "train_ms": statistics.median(tt), "train_min": min(tt)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--train-steps", type=int, default=8)
    p.add_argument("--only", nargs="*", help="substring filters on candidate names; 'kiosk' = the chosen config")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    cands = dict(CANDIDATES)
    print(f"load average (1/5/15 min) at start: {os.getloadavg()}")
    rows: List[Dict] = []
    for name, over in cands.items():
        if args.only and not any(o in name for o in args.only):
            continue
        cfg = get_config("kiosk")
        for k, v in over.items():
            setattr(cfg, k, v)
        r = bench_one(name, cfg, args.threads, args.runs, args.train_steps)
        rows.append(r)
        print(f"{name}: {r}", file=sys.stderr, flush=True)
    print(f"\nthreads={args.threads}, load average (1/5/15 min) at the end: {os.getloadavg()}")
    print("| candidate | params | GFLOP/fwd | ONNX MB | ORT ms (median / min) | torch eager ms | "
          "4 steps ORT → fps (median) | train ms/step b=8 (median / min) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        fps = 1000.0 / (4 * r["ort_ms"])
        print(f"| {r['name']} | {r['params'] / 1e6:.2f}M | {r['gflops']:.2f} | {r['mb']:.1f} | "
              f"{r['ort_ms']:.1f} / {r['ort_min']:.1f} | {r['torch_ms']:.1f} / {r['torch_min']:.1f} | {fps:.1f} | "
              f"{r['train_ms']:.0f} / {r['train_min']:.0f} |")
    if not args.only or any("det" in o for o in args.only):
        d = bench_detector(args.threads, args.runs)
        print(f"\nkeypoint detector (128² in, 10×32² out): {d['params'] / 1e6:.2f}M params, "
              f"ORT {d['ort_ms']:.1f} / {d['ort_min']:.1f} ms, torch eager {d['torch_ms']:.1f} / "
              f"{d['torch_min']:.1f} ms (median / min)")
    return 0


def bench_detector(threads: int, runs: int) -> Dict:
    torch.manual_seed(0)
    net = KeypointNet(DetectorConfig(input_size=128)).eval()
    x = torch.rand(1, 1, 128, 128) * 2 - 1
    with tempfile.TemporaryDirectory() as td:
        path = Path(td) / "d.onnx"
        export_detector(net, path, "bench", check=False, log=lambda *_: None)
        res = run_ort(path, {"xray": x.numpy()}, threads=threads, bench_runs=runs, warmup=5)
    times = []
    with torch.no_grad():
        for i in range(runs + 3):
            t0 = time.perf_counter()
            net(x)
            if i >= 3:
                times.append((time.perf_counter() - t0) * 1e3)
    return {"params": sum(p.numel() for p in net.parameters()), "ort_ms": res["bench_ms"]["median"],
            "ort_min": res["bench_ms"]["min"], "torch_ms": statistics.median(times), "torch_min": min(times)}


if __name__ == "__main__":
    sys.exit(main())
