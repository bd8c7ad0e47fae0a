#!/usr/bin/python3
"""Writes models/manifest.json: each shipped ONNX file with its SHA-256, size, kind and sccdm.* metadata.

Run after exporting a model:  /usr/bin/python3 models/training/manifest.py
A C# test (tests/SccDm.Realtime.Tests/Models/ManifestTests.cs) fails when the manifest and the files disagree.
"""
import hashlib
import json
import sys
from pathlib import Path

import onnx

MODELS = Path(__file__).resolve().parent.parent


def describe(path: Path) -> dict:
    data = path.read_bytes()
    model = onnx.load_model_from_string(data)
    meta = {p.key: p.value for p in model.metadata_props}
    inputs = [i.name for i in model.graph.input]
    kind = "denoiser" if "d_t" in inputs else "keypoints" if "xray" in inputs else "unknown"
    return {
        "file": path.name,
        "kind": kind,
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "metadata": dict(sorted(meta.items())),
    }


def main() -> int:
    files = sorted(MODELS.glob("*.onnx"))
    if not files:
        print(f"no .onnx files in {MODELS}", file=sys.stderr)
        return 1
    manifest = {
        "note": "Synthetic-phantom-trained models; their output is synthetic and not for diagnosis. Model cards: README.md.",
        "models": [describe(f) for f in files],
    }
    out = MODELS / "manifest.json"
    out.write_text(json.dumps(manifest, indent=2) + "\n")
    for m in manifest["models"]:
        print(f"{m['file']}: {m['kind']}, {m['bytes'] / 1e6:.2f} MB, sha256 {m['sha256'][:16]}…")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
