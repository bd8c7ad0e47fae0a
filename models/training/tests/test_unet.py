"""Architecture facts: parameter count of the paper config, attention normalisation, shapes."""

import unittest

import helpers  # noqa: F401
import torch

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
