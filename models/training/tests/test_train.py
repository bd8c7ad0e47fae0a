"""Training: loss goes down on a tiny batch; resume continues bit-identically; signals checkpoint."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

import helpers
import torch
import torch.nn.functional as F

import train
from sccdm_train.dataset import load_split
from sccdm_train.detector import DetectorConfig, KeypointNet
from sccdm_train.diffusion import Schedule, rollout, sample, ssim, trailing_timesteps
from sccdm_train.unet import UNet, get_config

TINY = helpers.TINY_TRAIN_ARGS


class TrainTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._td = tempfile.TemporaryDirectory()
        cls.data = Path(cls._td.name) / "data"
        helpers.make_toy_dataset(cls.data, 4, 64, seed=3, split="train")
        helpers.make_toy_dataset(cls.data, 2, 64, seed=4, split="val")

    @classmethod
    def tearDownClass(cls):
        cls._td.cleanup()

    def test_overfit_tiny_batch(self):
        """Fixed (d_t, t, ε) on 4 samples: 40 AdamW steps must cut the ε-MSE clearly."""
        torch.manual_seed(0)
        cfg = get_config("kiosk", 64)
        cfg.dropout = 0.0
        net = UNet(cfg)
        split = load_split(self.data / "train", 64)
        sched = Schedule()
        g = torch.Generator().manual_seed(0)
        t = torch.tensor([100, 300, 600, 900])
        eps = torch.randn(split.cond.shape, generator=g)
        d_t = sched.q_sample(split.xray - split.cond, t, eps)
        opt = torch.optim.AdamW(net.parameters(), lr=2e-3)
        losses = []
        for _ in range(40):
            loss = F.mse_loss(net(d_t, split.cond, t)[0], eps)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        print(f"\n  overfit: loss {losses[0]:.4f} -> {losses[-1]:.4f}")
        self.assertLess(losses[-1], 0.5 * losses[0])

    def test_focus_timesteps(self):
        """--focus-steps: the given share of timesteps lands on the sampler's trailing grid, the rest stays uniform."""
        grid = torch.tensor(trailing_timesteps(1000, 2))
        self.assertEqual(grid.tolist(), [999, 499])
        g = torch.Generator().manual_seed(0)
        only = train.draw_timesteps(4000, 1000, grid, 1.0, g)
        self.assertTrue(bool(torch.isin(only, grid).all()))
        self.assertGreater(int((only == 999).sum()), 1800)
        self.assertGreater(int((only == 499).sum()), 1800)
        half = train.draw_timesteps(4000, 1000, grid, 0.5, g)
        on_grid = float(torch.isin(half, grid).float().mean())
        self.assertAlmostEqual(on_grid, 0.5, delta=0.04)
        off = half[~torch.isin(half, grid)]
        self.assertGreater(len(torch.unique(off)), 800)
        uniform = train.draw_timesteps(4000, 1000, torch.tensor([], dtype=torch.long), 0.5, g)
        self.assertLess(float(torch.isin(uniform, grid).float().mean()), 0.01)

    def test_rollout_is_the_sampler_with_gradients(self):
        """rollout() from z is what sample() draws from the same generator, and gradients reach every weight."""
        torch.manual_seed(0)
        cfg = get_config("kiosk", 64)
        cfg.dropout = 0.0
        net = UNet(cfg).eval()
        split = load_split(self.data / "train", 64)
        sched = Schedule()
        z = torch.randn(split.cond.shape, generator=torch.Generator().manual_seed(9))
        with torch.no_grad():
            want = sample(lambda d, c, t: net(d, c, t), split.cond, sched, steps=2, psi=1.0, lam=1.0,
                          generator=torch.Generator().manual_seed(9))
        d0 = rollout(lambda d, c, t: net(d, c, t), split.cond, z, sched, 2)
        torch.testing.assert_close((d0 + split.cond).clamp(-1, 1), want)
        F.mse_loss(d0, split.xray - split.cond).backward()
        self.assertTrue(all(p.grad is not None for p in net.parameters() if p.requires_grad))

    def test_cli_unroll_logs_and_lowers_the_sample_error(self):
        with tempfile.TemporaryDirectory() as td:
            run = Path(td) / "run"
            train.main(["--data", str(self.data), "--out", str(run), "--steps", "30", "--ckpt-every", "100",
                        "--no-flip", "--seed", "4", "--unroll", "2", "--unroll-ssim", "0.05", "--prediction", "v",
                        *TINY, "--sample-every", "30", "--sample-count", "2"])
            recs = [json.loads(l) for l in (run / "train.jsonl").read_text().splitlines()]
            mse = [r["unroll_mse"] for r in recs if "unroll_mse" in r]
            ssims = [r["unroll_ssim"] for r in recs if "unroll_ssim" in r]
            self.assertEqual((len(mse), len(ssims)), (30, 30))
            self.assertLess(sum(mse[-5:]) / 5, 0.5 * sum(mse[:5]) / 5)
            self.assertGreater(sum(ssims[-5:]) / 5, sum(ssims[:5]) / 5)
            self.assertTrue(all(-1 <= v <= 1 for v in ssims))
            self.assertIn("unrolled: + MSE of the 2-step", (run / "train.log").read_text())
            self.assertIn("+ 0.05·(1 − SSIM)", (run / "train.log").read_text())
            self.assertTrue((run / "preview_0000030.png").exists())
            self.assertTrue(any("preview_mae" in r for r in recs))

    def test_cli_bf16_trains_and_keeps_float32_checkpoints(self):
        """--bf16: the loss and the unrolled sample's error fall as in float32, and what is saved stays float32."""
        with tempfile.TemporaryDirectory() as td:
            run = Path(td) / "run"
            self.assertEqual(train.main(["--data", str(self.data), "--out", str(run), "--steps", "30",
                                         "--ckpt-every", "100", "--no-flip", "--seed", "4", "--unroll", "2",
                                         "--prediction", "v", "--bf16", *TINY]), 0)
            recs = [json.loads(l) for l in (run / "train.jsonl").read_text().splitlines()]
            losses = [r["loss"] for r in recs if "loss" in r]
            mse = [r["unroll_mse"] for r in recs if "unroll_mse" in r]
            self.assertEqual((len(losses), len(mse)), (30, 30))
            print(f"\n  bf16: loss {sum(losses[:5]) / 5:.4f} -> {sum(losses[-5:]) / 5:.4f}, "
                  f"unrolled MSE {sum(mse[:5]) / 5:.4f} -> {sum(mse[-5:]) / 5:.4f}")
            self.assertLess(sum(losses[-5:]) / 5, 0.8 * sum(losses[:5]) / 5)
            self.assertLess(sum(mse[-5:]) / 5, 0.5 * sum(mse[:5]) / 5)
            self.assertIn("bfloat16 autocast", (run / "train.log").read_text())
            ck = torch.load(run / "last.pt")
            for part in ("model", "ema"):
                self.assertEqual({v.dtype for v in ck[part].values() if v.is_floating_point()}, {torch.float32})

    def test_cli_val_every_logs_the_learning_curve(self):
        with tempfile.TemporaryDirectory() as td:
            run = Path(td) / "run"
            train.main(["--data", str(self.data), "--out", str(run), "--steps", "4", "--ckpt-every", "100",
                        "--val-every", "2", "--val-count", "2", *TINY])
            recs = [json.loads(l) for l in (run / "train.jsonl").read_text().splitlines()]
            vals = [r for r in recs if "val_ssim" in r]
            self.assertEqual([r["step"] for r in vals], [2, 4])
            for r in vals:
                self.assertEqual((r["val_count"], r["val_steps"]), (2, 2))
                self.assertTrue(-1 <= r["val_ssim"] <= 1 and 0 <= r["val_mae"] <= 1 and r["val_psnr"] > 0)

    def test_validate_is_repeatable_and_scores_a_perfect_sample_as_perfect(self):
        torch.manual_seed(0)
        split = load_split(self.data / "val", 64)
        log = type("L", (), {"record": lambda self, r: None})()
        net = UNet(get_config("kiosk", 64)).eval()
        a = train.validate(net, split, Schedule(), 0, 2, 2, torch.device("cpu"), log)
        b = train.validate(net, split, Schedule(), 0, 2, 2, torch.device("cpu"), log)
        self.assertEqual(a, b)

        sched = Schedule()

        def oracle(d, c, t):
            """The ε that makes one step from t = 999 land on the true d₀; a closed gate and flat features leave the
            paper variant's blends out, so the sample is the real X-ray."""
            ab = sched.abar(t).view(-1, 1, 1, 1)
            eps = (d - ab.sqrt() * (split.xray[: d.shape[0]] - c)) / (1 - ab).sqrt()
            flat = torch.zeros(d.shape[0], 1, 8, 8)
            return eps, flat, [flat]

        perfect = train.validate(oracle, split, sched, 0, 2, 1, torch.device("cpu"), log)
        self.assertGreater(perfect["val_ssim"], 0.999)
        self.assertLess(perfect["val_mae"], 1e-3)

    def test_groupnorm_in_bfloat16_normalises_in_float32(self):
        from sccdm_train.unet import norm
        torch.manual_seed(0)
        gn = norm(64)
        with torch.no_grad():
            gn.weight.uniform_(0.5, 1.5)
            gn.bias.uniform_(-0.2, 0.2)
        x = torch.randn(2, 64, 8, 8) * 3 + 1
        ref = gn(x)
        self.assertTrue(torch.equal(ref, F.group_norm(x, gn.num_groups, gn.weight, gn.bias, gn.eps)))
        out = gn(x.to(torch.bfloat16))
        self.assertEqual(out.dtype, torch.bfloat16)
        # only the bf16 rounding of input and output remains (8-bit mantissa: ~0.4% of each value)
        self.assertLess((out.float() - ref).abs().max().item(), 0.05)

    def test_cli_unroll_keypoints_logs_the_skeletal_constraint(self):
        with tempfile.TemporaryDirectory() as td:
            det = Path(td) / "det.pt"
            torch.save({"config": DetectorConfig(input_size=64).to_dict(), "step": 7,
                        "ema": KeypointNet(DetectorConfig(input_size=64)).state_dict()}, det)
            run = Path(td) / "run"
            common = ["--data", str(self.data), "--out", str(run), "--ckpt-every", "100", "--seed", "4",
                      "--unroll", "2", "--detector", str(det), *TINY]
            train.main([*common, "--steps", "3", "--unroll-keypoints", "0.5"])
            recs = [json.loads(l) for l in (run / "train.jsonl").read_text().splitlines()]
            kp = [r["unroll_kp"] for r in recs if "unroll_kp" in r]
            self.assertEqual(len(kp), 3)
            self.assertTrue(all(v > 0 for v in kp))  # a fresh net's sample is not the real X-ray to any detector
            self.assertIn(f"skeletal constraint: + 0.5·(heatmap difference) of the detector at {det} (step 7, frozen)",
                          (run / "train.log").read_text())
            with self.assertRaisesRegex(SystemExit, "give --unroll S as well"):
                train.main(["--data", str(self.data), "--out", str(Path(td) / "r2"), "--steps", "1",
                            "--unroll-keypoints", "0.5", *TINY])
            self.assertFalse((Path(td) / "r2").exists())  # refused before any run folder or data loading
            with self.assertRaisesRegex(SystemExit, "does not exist"):
                train.main([*common, "--steps", "4", "--unroll-keypoints", "0.5", "--detector", str(Path(td) / "no.pt")])
            torch.save({"config": DetectorConfig(input_size=128).to_dict(), "step": 0,
                        "ema": KeypointNet(DetectorConfig(input_size=128)).state_dict()}, det)
            with self.assertRaisesRegex(SystemExit, "takes 128px X-rays, not 64px"):
                train.main([*common, "--steps", "4", "--unroll-keypoints", "0.5"])

    def test_ssim_matches_known_values(self):
        a = torch.rand(2, 1, 32, 32, generator=torch.Generator().manual_seed(2))
        self.assertAlmostEqual(float(ssim(a, a)), 1.0, places=5)
        self.assertLess(float(ssim(a, 1 - a)), 0.0)  # anti-correlated structure
        # A constant offset only moves the luminance term: (2μ(μ+δ)+C1)/(μ²+(μ+δ)²+C1) on a flat image.
        flat = torch.full((1, 1, 16, 16), 0.4)
        expected = (2 * 0.4 * 0.5 + 1e-4) / (0.4**2 + 0.5**2 + 1e-4)
        self.assertAlmostEqual(float(ssim(flat, flat + 0.1)), expected, places=4)  # float32 variances

    def test_cli_loss_decreases(self):
        with tempfile.TemporaryDirectory() as td:
            run = Path(td) / "run"
            self.assertEqual(train.main(["--data", str(self.data), "--out", str(run), "--steps", "30",
                                         "--ckpt-every", "100", "--no-flip", "--seed", "1", *TINY]), 0)
            recs = [json.loads(l) for l in (run / "train.jsonl").read_text().splitlines()]
            losses = [r["loss"] for r in recs if "loss" in r]
            self.assertEqual(len(losses), 30)
            first, last = sum(losses[:5]) / 5, sum(losses[-5:]) / 5
            print(f"\n  CLI: mean loss first 5 {first:.4f}, last 5 {last:.4f}")
            self.assertLess(last, first * 0.8)
            self.assertTrue((run / "train.log").exists())
            # weights-only export and --init-from
            w = Path(td) / "w.pt"
            train.main(["--out", str(run), "--export-weights", str(w), "--fp16"])
            ck = torch.load(w)
            self.assertEqual(ck["step"], 30)
            self.assertNotIn("optimizer", ck)
            run2 = Path(td) / "run2"
            train.main(["--data", str(self.data), "--out", str(run2), "--steps", "32", "--init-from", str(w), *TINY])
            self.assertEqual(torch.load(run2 / "last.pt")["step"], 32)

    def test_resume_is_identical(self):
        with tempfile.TemporaryDirectory() as td:
            a, b = Path(td) / "a", Path(td) / "b"
            common = ["--data", str(self.data), "--seed", "7", "--ckpt-every", "1000", *TINY]
            train.main([*common, "--out", str(a), "--steps", "4"])
            train.main([*common, "--out", str(b), "--steps", "2"])
            train.main([*common, "--out", str(b), "--steps", "4"])  # resumes from b/last.pt
            ca, cb = torch.load(a / "last.pt"), torch.load(b / "last.pt")
            self.assertEqual(ca["step"], 4)
            self.assertEqual(cb["step"], 4)
            for k in ca["model"]:
                self.assertTrue(torch.equal(ca["model"][k], cb["model"][k]), k)
                self.assertTrue(torch.equal(ca["ema"][k], cb["ema"][k]), k)
            la = [json.loads(l)["loss"] for l in (a / "train.jsonl").read_text().splitlines()]
            lb = [json.loads(l)["loss"] for l in (b / "train.jsonl").read_text().splitlines()]
            self.assertEqual(la, lb)

    def test_cosine_from_the_resume_step(self):
        """A constant-lr run resumed with --cosine --focus-steps: the lr decays from the resume step (not from 0) to
        near 0 at --steps, and a second resume keeps that start."""
        with tempfile.TemporaryDirectory() as td:
            run = Path(td) / "run"
            common = ["--data", str(self.data), "--out", str(run), "--seed", "5", "--ckpt-every", "2", *TINY]
            train.main([*common, "--steps", "4", "--warmup", "3"])
            self.assertIsNone(torch.load(run / "last.pt")["lr_start"])
            train.main([*common, "--steps", "8", "--cosine", "--focus-steps", "2"])
            self.assertEqual(torch.load(run / "last.pt")["lr_start"], 4)
            train.main([*common, "--steps", "12", "--cosine", "--focus-steps", "2"])
            recs = [json.loads(l) for l in (run / "train.jsonl").read_text().splitlines()]
            lrs = {r["step"]: r["lr"] for r in recs if "lr" in r}
            self.assertAlmostEqual(lrs[1], 1e-3 / 3)  # warm-up from step 0
            self.assertEqual(lrs[4], 1e-3)  # constant before the cosine resume
            self.assertAlmostEqual(lrs[5], 1e-3, places=6)  # the decay starts at the resume step, at the peak
            self.assertLess(lrs[8], lrs[6])
            self.assertLess(lrs[12], 1e-4)  # cosine over steps 4..12 ends near 0
            self.assertLess(lrs[11], lrs[9])
            self.assertEqual(torch.load(run / "last.pt")["lr_start"], 4)

    def test_constant_lr_resume_does_not_warm_up_again(self):
        with tempfile.TemporaryDirectory() as td:
            run = Path(td) / "run"
            common = ["--data", str(self.data), "--out", str(run), "--seed", "6", "--ckpt-every", "100", *TINY]
            train.main([*common, "--steps", "3", "--warmup", "2"])
            train.main([*common, "--steps", "5", "--warmup", "2"])
            lrs = [json.loads(l)["lr"] for l in (run / "train.jsonl").read_text().splitlines() if "lr" in l]
            self.assertEqual(lrs, [5e-4, 1e-3, 1e-3, 1e-3, 1e-3])

    def test_switch_to_v_prediction_with_a_fresh_ema(self):
        """--init-from an ε run with --prediction v, then resume with --reset-ema: the run is a v run and its EMA
        restarts from the online weights (step 0 of the switch would otherwise average ε-trained weights)."""
        with tempfile.TemporaryDirectory() as td:
            eps_run, v_run = Path(td) / "eps", Path(td) / "v"
            common = ["--data", str(self.data), "--seed", "3", "--ckpt-every", "1000", *TINY]
            train.main([*common, "--out", str(eps_run), "--steps", "2"])
            train.main([*common, "--out", str(v_run), "--steps", "4", "--init-from", str(eps_run / "last.pt"),
                        "--prediction", "v"])
            before = torch.load(v_run / "last.pt")
            self.assertEqual(before["config"]["prediction"], "v")
            self.assertTrue(any(not torch.equal(before["model"][k], before["ema"][k]) for k in before["model"]))
            train.main([*common, "--out", str(v_run), "--steps", "4", "--reset-ema"])  # resumes; no steps left
            after = torch.load(v_run / "last.pt")
            self.assertEqual(after["config"]["prediction"], "v")
            for k in after["model"]:
                self.assertTrue(torch.equal(after["model"][k], after["ema"][k]), k)

    def test_init_from_with_a_wider_head(self):
        """--init-from a run with --head-res: the new run's config has the branch, the log names it, and its first
        loss equals the narrow run's own loss on the same batch (the branch starts as a no-op)."""
        with tempfile.TemporaryDirectory() as td:
            narrow, wide, same = Path(td) / "narrow", Path(td) / "wide", Path(td) / "same"
            common = ["--data", str(self.data), "--seed", "5", "--ckpt-every", "1000", *TINY]
            train.main([*common, "--out", str(narrow), "--steps", "2"])
            train.main([*common, "--out", str(wide), "--steps", "3", "--init-from", str(narrow / "last.pt"),
                        "--head-res", "8"])
            train.main([*common, "--out", str(same), "--steps", "3", "--init-from", str(narrow / "last.pt")])
            self.assertEqual(torch.load(wide / "last.pt")["config"]["head_res"], 8)
            self.assertIn("new branch", (wide / "train.log").read_text())
            first = [json.loads((r / "train.jsonl").read_text().splitlines()[0])["loss"] for r in (wide, same)]
            self.assertAlmostEqual(first[0], first[1], places=5)
            with self.assertRaisesRegex(SystemExit, "stem"):
                train.main([*common, "--config", "paper", "--out", str(Path(td) / "p"), "--steps", "1",
                            "--head-res", "8"])

    def test_sigterm_writes_checkpoint(self):
        with tempfile.TemporaryDirectory() as td:
            run = Path(td) / "run"
            cmd = [sys.executable, str(helpers.ROOT / "train.py"), "--data", str(self.data), "--out", str(run),
                   "--steps", "100000", "--ckpt-every", "100000", *TINY]
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                deadline = time.time() + 90
                while time.time() < deadline:
                    jl = run / "train.jsonl"
                    if jl.exists() and len(jl.read_text().splitlines()) >= 2:
                        break
                    time.sleep(0.2)
                proc.send_signal(signal.SIGTERM)
                _, err = proc.communicate(timeout=60)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.communicate()
            self.assertEqual(proc.returncode, 128 + signal.SIGTERM, err.decode())
            ck = torch.load(run / "last.pt")
            self.assertGreaterEqual(ck["step"], 2)
            self.assertFalse(any(p.name.endswith(".tmp") for p in run.iterdir()))


if __name__ == "__main__":
    unittest.main()
