"""The exported denoiser meets the ONNX contract and matches torch in ONNX Runtime (node)."""

import tempfile
import unittest
from pathlib import Path

import helpers
import torch

import export
from sccdm_train.onnx_export import describe
from sccdm_train.unet import AttnBlock, UNet, get_config

REQUIRED_META = ["sccdm.T", "sccdm.beta_start", "sccdm.beta_end", "sccdm.schedule", "sccdm.image_size",
                 "sccdm.psi", "sccdm.training_data", "sccdm.version"]


def _random_net() -> UNet:
    """Kiosk net with all weights random (zero-init layers would make parity trivially exact)."""
    torch.manual_seed(0)
    net = UNet(get_config("kiosk"))
    with torch.no_grad():
        for p in net.parameters():
            if p.dim() > 1 and float(p.abs().max()) == 0.0:
                p.normal_(0, 0.05)
    return net.eval()


class ExportTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._td = tempfile.TemporaryDirectory()
        cls.path = Path(cls._td.name) / "kiosk.onnx"
        cls.net = _random_net()
        export.export_denoiser(cls.net, cls.path, "unit test", check=False, log=lambda *_: None)

    @classmethod
    def tearDownClass(cls):
        cls._td.cleanup()

    def test_contract(self):
        info = describe(self.path)
        cfg = self.net.cfg
        self.assertEqual(info["opset"], 17)
        ins = {v["name"]: v for v in info["inputs"]}
        self.assertEqual([v["name"] for v in info["inputs"]], ["d_t", "cond", "t"])
        s = cfg.image_size
        self.assertEqual(ins["d_t"]["dtype"], "float")
        self.assertEqual(ins["d_t"]["shape"], ["N", 1, s, s])
        self.assertEqual(ins["cond"]["dtype"], "float")
        self.assertEqual(ins["cond"]["shape"], ["N", 1, s, s])
        self.assertEqual(ins["t"]["dtype"], "int64")
        self.assertEqual(ins["t"]["shape"], ["N"])
        names = [v["name"] for v in info["outputs"]]
        L = len(cfg.mult)
        self.assertEqual(names, ["eps", "attn", *[f"feat_{i}" for i in range(L)]])
        for v in info["outputs"]:
            self.assertEqual(v["dtype"], "float", v)
            self.assertEqual(len(v["shape"]), 4, v)
            self.assertEqual(v["shape"][:2], ["N", 1], v)
        self.assertEqual(info["outputs"][0]["shape"], ["N", 1, s, s])
        for i in range(L):
            self.assertEqual(info["outputs"][2 + i]["shape"][2], s // cfg.stem // 2**i)
        meta = info["metadata"]
        for k in REQUIRED_META:
            self.assertIn(k, meta)
        self.assertEqual(meta["sccdm.T"], "1000")
        self.assertEqual(float(meta["sccdm.beta_start"]), 1e-4)
        self.assertEqual(float(meta["sccdm.beta_end"]), 0.02)
        self.assertEqual(meta["sccdm.schedule"], "linear")
        self.assertEqual(meta["sccdm.image_size"], str(s))
        self.assertEqual(float(meta["sccdm.psi"]), 1.0)
        self.assertLessEqual(self.path.stat().st_size, 20 * 1024 * 1024)

    def test_psi_is_written_to_the_metadata(self):
        with tempfile.TemporaryDirectory() as td:
            out = Path(td) / "psi.onnx"
            self.assertEqual(export.main(["--out", str(out), "--training-data", "unit test", "--no-parity",
                                          "--psi", "64"]), 0)
            self.assertEqual(float(describe(out)["metadata"]["sccdm.psi"]), 64.0)
            with self.assertRaises(SystemExit):
                export.main(["--out", str(out), "--training-data", "unit test", "--no-parity", "--psi", "-1"])

    @unittest.skipIf(helpers.ORT_SKIP_REASON, f"ORT parity skipped: {helpers.ORT_SKIP_REASON}")
    def test_parity_with_ort(self):
        with tempfile.TemporaryDirectory() as td:
            diffs = export.export_denoiser(self.net, Path(td) / "p.onnx", "unit test", check=True,
                                           log=lambda *_: None)
        print("\n  parity:", {k: f"{v:.1e}" for k, v in diffs.items()})
        self.assertTrue(all(v <= 1e-4 for v in diffs.values()))
        self.assertEqual(len(diffs), 2 + len(self.net.cfg.mult))

    @unittest.skipIf(helpers.ORT_SKIP_REASON, f"ORT skipped: {helpers.ORT_SKIP_REASON}")
    def test_ort_attention_mean_is_one(self):
        from sccdm_train.ort import run_ort
        import numpy as np
        s = self.net.cfg.image_size
        g = np.random.default_rng(0)
        res = run_ort(self.path, {"d_t": g.standard_normal((2, 1, s, s)).astype(np.float32),
                                  "cond": g.uniform(-1, 1, (2, 1, s, s)).astype(np.float32),
                                  "t": np.array([10, 900], dtype=np.int64)})
        np.testing.assert_allclose(res["outputs"]["attn"].mean(axis=(1, 2, 3)), [1.0, 1.0], atol=1e-5)


if __name__ == "__main__":
    unittest.main()
