"""ONNX Runtime through Node (there is no Python onnxruntime here): parity checks and timing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Dict, Optional

import numpy as np

HERE = Path(__file__).resolve().parent.parent  # models/training
RUNNER = HERE / "ort_run.js"


def find_ort_node() -> Optional[Path]:
    """SCCDM_ORT_NODE, else walk up from models/training for .deps/npm/node_modules/onnxruntime-node."""
    env = os.environ.get("SCCDM_ORT_NODE")
    if env:
        return Path(env) if Path(env).is_dir() else None
    for d in [HERE, *HERE.parents]:
        cand = d / ".deps" / "npm" / "node_modules" / "onnxruntime-node"
        if cand.is_dir():
            return cand
    return None


def ort_available() -> Optional[str]:
    """None when usable, else a human-readable reason."""
    if shutil.which("node") is None:
        return "node is not on PATH"
    if find_ort_node() is None:
        return "onnxruntime-node not found (set SCCDM_ORT_NODE or run .ci/setup)"
    return None


def run_ort(model: Path, inputs: Dict[str, np.ndarray], threads: int = 2,
            bench_runs: int = 0, warmup: int = 3, timeout: float = 600) -> Dict:
    """Run the model once (and optionally time it). Returns {"outputs": {name: array}, "bench_ms": ...}."""
    why = ort_available()
    if why:
        raise RuntimeError(f"cannot run ONNX Runtime: {why}")
    with tempfile.TemporaryDirectory(prefix="sccdm_ort_") as td:
        tdp = Path(td)
        spec = {"model": str(Path(model).resolve()), "threads": threads, "inputs": [], "out_dir": str(tdp / "out")}
        for name, arr in inputs.items():
            dtype = "int64" if arr.dtype == np.int64 else "float32"
            a = np.ascontiguousarray(arr.astype(np.int64 if dtype == "int64" else np.float32))
            f = tdp / f"in_{name}.bin"
            a.tofile(f)
            spec["inputs"].append({"name": name, "dtype": dtype, "shape": list(a.shape), "file": str(f)})
        if bench_runs:
            spec["bench"] = {"warmup": warmup, "runs": bench_runs}
        (tdp / "spec.json").write_text(json.dumps(spec))
        env = dict(os.environ)
        env["SCCDM_ORT_NODE"] = str(find_ort_node())
        proc = subprocess.run(["node", str(RUNNER), str(tdp / "spec.json")], capture_output=True,
                              text=True, env=env, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"node ORT runner failed ({proc.returncode}): {proc.stderr.strip()}")
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        outs = {}
        for name, info in res["outputs"].items():
            outs[name] = np.fromfile(tdp / "out" / f"{name}.bin", dtype=np.float32).reshape(info["dims"])
        res["outputs"] = outs
        return res


def parity(model: Path, inputs: Dict[str, np.ndarray], expected: Dict[str, np.ndarray],
           tol: float = 1e-4) -> Dict[str, float]:
    """Max abs diff per output between ORT and the expected (torch) arrays; raises if any > tol."""
    res = run_ort(model, inputs)
    diffs = {}
    for name, ref in expected.items():
        if name not in res["outputs"]:
            raise AssertionError(f"{model}: ORT output {name!r} missing (has {list(res['outputs'])})")
        got = res["outputs"][name]
        if got.shape != ref.shape:
            raise AssertionError(f"{model}: output {name} shape {got.shape} != torch {ref.shape}")
        diffs[name] = float(np.max(np.abs(got - ref))) if ref.size else 0.0
    bad = {k: v for k, v in diffs.items() if not v <= tol}
    if bad:
        raise AssertionError(f"{model}: ORT vs torch parity failed (tol {tol}): {bad}")
    return diffs
