"""Shared test helpers: import path, tiny datasets, thread setup."""

from __future__ import annotations

import sys
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent  # models/training
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

torch.set_num_threads(2)

from sccdm_train.toydata import make_toy_dataset  # noqa: E402,F401
from sccdm_train.ort import ort_available  # noqa: E402

ORT_SKIP_REASON = ort_available()

# Tiny-but-real train.py arguments: the kiosk net at 64², 4 pairs a batch, no previews, a log line every step.
TINY_TRAIN_ARGS = ["--config", "kiosk", "--size", "64", "--batch", "4", "--warmup", "1", "--lr", "1e-3",
                   "--sample-every", "0", "--log-every", "1", "--quiet", "--threads", "2"]
