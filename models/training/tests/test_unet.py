"""Architecture facts: parameter count of the paper config, attention normalisation, shapes."""

import unittest

import helpers  # noqa: F401
import torch

from sccdm_train.common import NEW_BRANCHES, load_state_any_dtype
from sccdm_train.diffusion import Schedule
from sccdm_train.unet import AttnBlock, UNet, count_params, get_config

PAPER_PARAMS = 37_539_809


class UNetTests(unittest.TestCase):
    def test_paper_param_count(self):
        n = count_params(UNet(get_config("paper")))
        print(f"\n  paper config: {n:,} parameters (paper: {PAPER_PARAMS:,}, diff {n - PAPER_PARAMS:+,})")
        self.assertLess(abs(n - PAPER_PARAMS) / PAPER_PARAMS, 0.01)

    def test_kiosk_outputs_and_attention_mean_one(self):
        torch.manual_seed(0)
        cfg = get_config("kiosk")
        net = UNet(cfg).eval()
        # Random (non-zero) attention projections so the map is not trivially uniform.
        for m in net.modules():
            if isinstance(m, AttnBlock):
                torch.nn.init.normal_(m.qkv.weight, std=0.5)
        s = cfg.image_size
        with torch.no_grad():
            eps, attn, feats = net(torch.randn(3, 1, s, s), torch.rand(3, 1, s, s) * 2 - 1, torch.tensor([0, 500, 999]))
        self.assertEqual(tuple(eps.shape), (3, 1, s, s))
        self.assertEqual(attn.dim(), 4)
        self.assertEqual(attn.shape[:2], (3, 1))
        means = attn.mean(dim=(1, 2, 3))
        self.assertTrue(torch.allclose(means, torch.ones(3), atol=1e-5), means)
        self.assertGreater(float(attn.std()), 1e-3, "attention map should not be uniform here")
        self.assertEqual(len(feats), len(cfg.mult))
        for lvl, f in enumerate(feats):
            self.assertEqual(f.shape[:2], (3, 1))
            self.assertEqual(f.shape[-1], s // cfg.stem // 2**lvl)
            self.assertTrue(bool((f >= 0).all()))

    def test_attention_block_column_sums(self):
        torch.manual_seed(1)
        blk = AttnBlock(32, heads=2)
        torch.nn.init.normal_(blk.qkv.weight)
        _, a = blk(torch.randn(2, 32, 6, 5))
        self.assertEqual(tuple(a.shape), (2, 1, 6, 5))
        self.assertAlmostEqual(float(a.mean()), 1.0, places=5)


if __name__ == "__main__":
    unittest.main()


class VPredictionTests(unittest.TestCase):
    def test_v_head_gives_eps_and_d0_by_the_identities(self):
        """With prediction="v" the graph outputs ε = √ᾱ·v + √(1−ᾱ)·d_t, so d̂₀ = √ᾱ·d_t − √(1−ᾱ)·v."""
        torch.manual_seed(2)
        cfg = get_config("kiosk")
        cfg.prediction = "v"
        net = UNet(cfg).eval()
        for p in net.parameters():  # the zero-initialised head would make v ≡ 0
            torch.nn.init.normal_(p, std=0.05)
        s = cfg.image_size
        d_t, cond, t = torch.randn(3, 1, s, s), torch.rand(3, 1, s, s) * 2 - 1, torch.tensor([0, 500, 999])
        with torch.no_grad():
            eps, _, _ = net(d_t, cond, t)
            v, _, _ = net(d_t, cond, t, raw=True)
        ab = Schedule().abar(t)
        self.assertTrue(torch.allclose(eps, ab.sqrt() * v + (1 - ab).sqrt() * d_t, atol=1e-5))
        d0 = (d_t - (1 - ab).sqrt() * eps) / ab.sqrt()
        self.assertTrue(torch.allclose(d0, ab.sqrt() * d_t - (1 - ab).sqrt() * v, atol=2e-3))
        self.assertFalse(torch.allclose(eps, v), "the conversion must do something")

    def test_eps_weights_load_into_a_v_net(self):
        """The schedule buffers stay out of the state dict, so --init-from an ε run works."""
        cfg = get_config("kiosk")
        eps_net = UNet(cfg)
        cfg.prediction = "v"
        v_net = UNet(cfg)
        v_net.load_state_dict(eps_net.state_dict(), strict=True)
        self.assertEqual(set(eps_net.state_dict()), set(v_net.state_dict()))


class KioskWideTests(unittest.TestCase):
    def test_kiosk_wide_fits_the_size_limit_and_is_wider_at_64(self):
        """The successor config: fp32 weights within the issue's 20 MB per model, twice kiosk's width at 64²."""
        wide, kiosk = get_config("kiosk-wide"), get_config("kiosk")
        n = count_params(UNet(wide))
        self.assertLess(n * 4, 20e6)
        self.assertEqual(wide.base_ch * wide.mult[0], 2 * kiosk.base_ch * kiosk.mult[0])
        self.assertEqual(wide.prediction, "v")
        self.assertEqual(wide.image_size, kiosk.image_size)


class HeadResTests(unittest.TestCase):
    def test_a_widened_head_starts_as_the_narrow_net(self):
        """--head-res adds a full-resolution branch whose last conv is zero: loaded from a trained narrow net, the
        widened net computes exactly the same ε, and only the new branch's parameters keep their initialisation."""
        torch.manual_seed(0)
        narrow = UNet(get_config("kiosk", 64)).eval()
        for p in narrow.parameters():  # a "trained" net: no zero layers left
            torch.nn.init.normal_(p, std=0.05)
        cfg = get_config("kiosk", 64)
        cfg.head_res = 8
        wide = UNet(cfg).eval()
        kept = load_state_any_dtype(wide, narrow.state_dict(), NEW_BRANCHES)
        self.assertEqual(sorted(kept), sorted(k for k in wide.state_dict() if k.startswith("head_res.")))
        self.assertEqual(len(kept), 6)
        d_t, c = torch.randn(2, 1, 64, 64), torch.randn(2, 1, 64, 64)
        t = torch.tensor([999, 499])
        with torch.no_grad():
            self.assertTrue(torch.equal(narrow(d_t, c, t)[0], wide(d_t, c, t)[0]))
            wide.head_res[-1].weight.add_(0.01)
            self.assertFalse(torch.allclose(narrow(d_t, c, t)[0], wide(d_t, c, t)[0]), "the branch must reach ε")

    def test_only_the_new_branch_may_be_missing(self):
        cfg = get_config("kiosk", 64)
        cfg.head_res = 8
        state = {k: v for k, v in UNet(get_config("kiosk", 64)).state_dict().items() if not k.startswith("head1.")}
        with self.assertRaisesRegex(RuntimeError, "head1"):
            load_state_any_dtype(UNet(cfg), state, NEW_BRANCHES)

    def test_head_res_needs_a_stem(self):
        cfg = get_config("paper", 64)
        cfg.head_res = 8
        with self.assertRaisesRegex(ValueError, "stem"):
            UNet(cfg)
