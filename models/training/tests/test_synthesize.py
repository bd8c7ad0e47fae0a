"""synthesize.py: a dataset of the denoiser's own samples, and the detector trained on it beside real X-rays."""

import json
import tempfile
import unittest
from pathlib import Path

import helpers
import numpy as np
import torch
from PIL import Image

import detector
import synthesize
import train
from sccdm_train.dataset import load_split

TINY = helpers.TINY_TRAIN_ARGS


class SynthesizeTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._td = tempfile.TemporaryDirectory()
        root = Path(cls._td.name)
        cls.data = root / "data"
        helpers.make_toy_dataset(cls.data, 5, 64, seed=21, split="train")
        helpers.make_toy_dataset(cls.data, 2, 64, seed=22, split="val")
        cls.denoiser = root / "run"
        train.main(["--data", str(cls.data), "--out", str(cls.denoiser), "--steps", "2", "--ckpt-every", "100", *TINY])

    @classmethod
    def tearDownClass(cls):
        cls._td.cleanup()

    def test_writes_samples_with_their_keypoints_and_resumes(self):
        with tempfile.TemporaryDirectory() as td:
            out = Path(td) / "synth"
            args = ["--weights", str(self.denoiser / "last.pt"), "--data", str(self.data), "--out", str(out),
                    "--batch", "2"]
            self.assertEqual(synthesize.main([*args, "--limit", "3"]), 0)
            self.assertEqual(sorted(p.name for p in (out / "train").iterdir()),
                             sorted(p.name for p in (self.data / "train").iterdir())[:3])
            first = (out / "train").iterdir().__next__()
            made = (first / "xray.png").stat().st_mtime_ns
            self.assertEqual(synthesize.main(args), 0)  # resumes: the first three stay, two more are written
            self.assertEqual(len(list((out / "train").iterdir())), 5)
            self.assertEqual((first / "xray.png").stat().st_mtime_ns, made)
            real = load_split(self.data / "train", 64)
            synth = load_split(out / "train", 64)
            self.assertEqual(synth.ids, real.ids)
            torch.testing.assert_close(synth.keypoints, real.keypoints, equal_nan=True)
            torch.testing.assert_close(synth.cond, real.cond)
            with Image.open(first / "xray.png") as im:
                self.assertEqual((im.mode, im.size), ("L", (64, 64)))
            # The X-rays are the sampler's, not copies of the real ones.
            self.assertGreater(float((synth.xray - real.xray).abs().mean()), 0.01)
            self.assertTrue(bool(np.isfinite(synth.xray.numpy()).all()))
            info = json.loads((out / "synthesis.json").read_text())
            self.assertEqual((info["step"], info["steps"], info["sampler"]), (2, 2, "paper"))

    def test_detector_trains_on_synthetic_and_real_together(self):
        with tempfile.TemporaryDirectory() as td:
            synth = Path(td) / "synth"
            synthesize.main(["--weights", str(self.denoiser / "last.pt"), "--data", str(self.data), "--out", str(synth),
                             "--split", "train"])
            run = Path(td) / "det"
            common = ["train", "--data", str(synth), "--extra-data", str(self.data), "--out", str(run), "--size",
                      "64", "--batch", "4", "--warmup", "1", "--log-every", "1", "--eval-every", "0", "--quiet"]
            self.assertEqual(detector.main([*common, "--steps", "2"]), 0)
            log = (run / "train.log").read_text()
            self.assertIn("+ 5 train samples from", log)
            self.assertIn("data: 10 train", log)
            with self.assertRaises(SystemExit):
                detector.main([*common, "--steps", "3", "--extra-data", str(Path(td) / "missing")])


if __name__ == "__main__":
    unittest.main()
