"""Keypoint detector: targets/decoding round-trip, augmentation geometry, training, export contract."""

import json
import math
import tempfile
import unittest
from pathlib import Path

import helpers
import torch

import detector
from sccdm_train.common import lr_at
from sccdm_train.dataset import KEYPOINT_NAMES
from sccdm_train.detector import (DetectorConfig, KeypointNet, decode, kcc, keypoint_consistency, make_targets,
                                    mse_loss, random_affine)
from sccdm_train.onnx_export import describe


class DetectorTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._td = tempfile.TemporaryDirectory()
        cls.data = Path(cls._td.name) / "data"
        helpers.make_toy_dataset(cls.data, 6, 64, seed=11, split="train")
        helpers.make_toy_dataset(cls.data, 2, 64, seed=12, split="val")

    @classmethod
    def tearDownClass(cls):
        cls._td.cleanup()

    def test_targets_decode_roundtrip(self):
        kp = torch.tensor([[[10.0, 20.0], [63.5, 63.5], [30.2, 100.7], [5.0, 120.9]]])
        tgt, valid = make_targets(kp, 32, 1.5)
        self.assertTrue(bool(valid.all()))
        xy, conf = decode(tgt)
        torch.testing.assert_close(xy, kp, atol=1e-3, rtol=0)
        # Peak on a border cell: no refinement along that axis (cell centre 1.5 px).
        xy, _ = decode(make_targets(torch.tensor([[[2.0, 40.3]]]), 32, 1.5)[0])
        torch.testing.assert_close(xy, torch.tensor([[[1.5, 40.3]]]), atol=1e-3, rtol=0)
        self.assertTrue(bool((conf > 0.85).all()))
        # Interior peaks take the blurred path, near-edge ones the raw path: both exact for a Gaussian target.
        kp = torch.rand(1, 500, 2, generator=torch.Generator().manual_seed(1)) * 119 + 4  # off the border cells
        xy, _ = decode(make_targets(kp, 32, 1.5)[0])
        torch.testing.assert_close(xy, kp, atol=2e-3, rtol=0)
        self.assertAlmostEqual(float(kcc(torch.tensor([[0.9, 0.5]]))), 0.7 * 0.5, places=6)

    def test_mse_loss_and_cosine_schedule(self):
        kp = torch.tensor([[[10.0, 20.0], [float("nan"), 5.0]]])
        tgt, valid = make_targets(kp, 16, 1.5)
        logits = torch.logit(tgt.clamp(1e-6, 1 - 1e-6))
        self.assertLess(float(mse_loss(logits, tgt, valid)), 1e-8)
        worse = logits.clone()
        worse[0, 0, 5, 5] += 3.0
        self.assertGreater(float(mse_loss(worse, tgt, valid)), 1e-3)
        worse[0, 1] += 3.0  # the missing keypoint's map does not count
        self.assertAlmostEqual(float(mse_loss(worse, tgt, valid)), float(mse_loss(logits, tgt, valid)) + float(
            ((torch.sigmoid(worse[0, 0]) - tgt[0, 0]) ** 2).sum()), places=5)
        self.assertAlmostEqual(lr_at(2000 + 9, 1e-3, 10, 2000, 3000), 1e-3)
        self.assertAlmostEqual(lr_at(2000 + 505, 1e-3, 10, 2000, 3000), 0.5e-3, places=6)
        self.assertAlmostEqual(lr_at(3000, 1e-3, 10, 2000, 3000), 0.0)
        self.assertEqual(lr_at(5000, 1e-3, 10), 1e-3)  # no end: constant

    def test_keypoint_consistency_prices_a_moved_peak(self):
        class Identity(torch.nn.Module):  # a "detector" whose heatmap is its input: the loss's geometry alone
            def forward(self, x):
                return x

        sigma, delta = 2.0, 1.5
        g = torch.arange(32, dtype=torch.float32)

        def blob(cx):
            return (torch.exp(-((g[None, :] - cx) ** 2 + (g[:, None] - 16) ** 2) / (2 * sigma**2)))[None, None]

        real = blob(16.0)
        synth = blob(16.0 + delta).requires_grad_(True)
        self.assertEqual(float(keypoint_consistency(Identity(), real, real)), 0.0)
        loss = keypoint_consistency(Identity(), synth, real)
        want = 2 * math.pi * sigma**2 * (1 - math.exp(-delta**2 / (4 * sigma**2)))
        self.assertAlmostEqual(float(loss), want, delta=0.01 * want)
        loss.backward()
        self.assertGreater(float(synth.grad.abs().sum()), 0.0)

    def test_missing_keypoint_has_no_target(self):
        kp = torch.tensor([[[float("nan"), 5.0], [500.0, 5.0]]])
        tgt, valid = make_targets(kp, 16, 1.5)
        self.assertFalse(bool(valid.any()))
        self.assertEqual(float(tgt.abs().sum()), 0.0)

    def test_affine_moves_keypoints_with_image(self):
        g = torch.Generator().manual_seed(3)
        img = torch.full((4, 1, 64, 64), -1.0)
        kp = torch.tensor([[[20.0, 30.0]]]).repeat(4, 1, 1)
        img[:, :, 29:32, 19:22] = 1.0
        out, k2 = random_affine(img, kp, g, rot_deg=30, scale=(0.9, 1.1), trans=0.1)
        for i in range(4):
            x, y = (int(round(float(v))) for v in k2[i, 0])
            self.assertGreater(float(out[i, 0, y, x]), 0.3, f"sample {i}: {k2[i, 0]}")

    def test_train_resume_and_export(self):
        with tempfile.TemporaryDirectory() as td:
            run = Path(td) / "run"
            common = ["train", "--data", str(self.data), "--out", str(run), "--size", "64", "--batch", "4",
                      "--warmup", "1", "--log-every", "1", "--eval-every", "0", "--quiet", "--seed", "2"]
            self.assertEqual(detector.main([*common, "--steps", "12"]), 0)
            self.assertEqual(detector.main([*common, "--steps", "16"]), 0)  # resumes
            losses = [json.loads(l)["loss"] for l in (run / "train.jsonl").read_text().splitlines()]
            self.assertEqual(len(losses), 16)
            self.assertLess(sum(losses[-4:]) / 4, sum(losses[:4]) / 4)
            self.assertEqual(torch.load(run / "last.pt")["step"], 16)
            out = Path(td) / "kp.onnx"
            net, step = detector.load_detector(run / "last.pt", 64)
            diffs = detector.export_detector(net, out, "unit test", step, check=not helpers.ORT_SKIP_REASON,
                                             log=lambda *_: None)
            info = describe(out)
            self.assertEqual(info["inputs"], [{"name": "xray", "dtype": "float", "shape": ["N", 1, 64, 64]}])
            self.assertEqual(info["outputs"], [{"name": "heatmaps", "dtype": "float", "shape": ["N", 10, 16, 16]}])
            self.assertEqual(info["metadata"]["sccdm.keypoints"], ",".join(KEYPOINT_NAMES))
            self.assertEqual(info["metadata"]["sccdm.input_size"], "64")
            self.assertEqual(info["opset"], 17)
            if diffs:
                self.assertLessEqual(diffs["heatmaps"], 1e-4)

    @unittest.skipIf(helpers.ORT_SKIP_REASON, f"ORT parity skipped: {helpers.ORT_SKIP_REASON}")
    def test_default_detector_parity(self):
        torch.manual_seed(0)
        net = KeypointNet(DetectorConfig(input_size=128))
        with torch.no_grad():  # non-trivial BatchNorm statistics so folding is exercised
            for m in net.modules():
                if isinstance(m, torch.nn.BatchNorm2d):
                    m.running_mean.uniform_(-0.2, 0.2)
                    m.running_var.uniform_(0.5, 2.0)
                    m.weight.uniform_(0.5, 1.5)
        with tempfile.TemporaryDirectory() as td:
            diffs = detector.export_detector(net, Path(td) / "d.onnx", "unit test", log=lambda *_: None)
        self.assertLessEqual(diffs["heatmaps"], 1e-4)


if __name__ == "__main__":
    unittest.main()
