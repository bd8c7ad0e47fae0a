"""The dataset reader: layout, gray conversion formula, resizing of images and keypoints."""

import json
import tempfile
import unittest
from pathlib import Path

import helpers
import numpy as np
from PIL import Image

from sccdm_train.dataset import KEYPOINT_NAMES, load_split


class DatasetTests(unittest.TestCase):
    def test_gray_formula_and_resize(self):
        with tempfile.TemporaryDirectory() as td:
            d = Path(td) / "train" / "a"
            d.mkdir(parents=True)
            Image.new("RGB", (64, 64), (200, 100, 50)).save(d / "original.png")
            Image.new("L", (64, 64), 255).save(d / "xray.png")
            kps = [{"name": n, "x": 10.0 + i, "y": 20.0} for i, n in enumerate(KEYPOINT_NAMES)]
            (d / "keypoints.json").write_text(json.dumps({"id": "a", "keypoints": kps}))
            s = load_split(Path(td) / "train", 32)
            want = (0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 127.5 - 1
            self.assertAlmostEqual(float(s.cond[0, 0, 5, 5]), want, places=5)
            self.assertAlmostEqual(float(s.xray[0, 0, 5, 5]), 1.0, places=6)
            self.assertEqual(tuple(s.cond.shape), (1, 1, 32, 32))
            # JSON x = 10.0 (continuous, centres at +0.5) at half size is 5.0 continuous, i.e. 4.5 in integer-centre units.
            np.testing.assert_allclose(s.keypoints[0, 0].numpy(), [10.0 / 2 - 0.5, 20.0 / 2 - 0.5], atol=1e-5)

    def test_toy_dataset_loads(self):
        with tempfile.TemporaryDirectory() as td:
            helpers.make_toy_dataset(Path(td), 3, 48, seed=5)
            s = load_split(Path(td) / "train", 48)
            self.assertEqual(len(s), 3)
            self.assertTrue(float(s.cond.min()) >= -1 and float(s.cond.max()) <= 1)
            self.assertFalse(bool(np.isnan(s.keypoints.numpy()).any()))


if __name__ == "__main__":
    unittest.main()
