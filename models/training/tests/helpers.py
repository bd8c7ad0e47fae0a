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
