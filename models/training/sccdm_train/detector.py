"""Foot keypoint detector: a small CPU-fast encoder-decoder producing 10 sigmoid heatmaps at H/4.

Conventions (the app's decoder must match): keypoint pixel coordinates have pixel centres at
integers. Heatmap cell (i, j) at stride 4 covers input pixel centre ``x = 4·j + 1.5`` — i.e.
``x_img = (u + 0.5)·4 − 0.5`` for heatmap coordinate u (``x_json = (u + 0.5)·4`` in keypoints.json's
continuous coordinates, pixel centres at +0.5). :func:`decode` does arg-max plus DARK refinement (see
its docstring and ``SUBPIXEL``); confidence = peak value.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .common import load_ckpt, load_state_any_dtype
from .dataset import KEYPOINT_NAMES

STRIDE = 4


@dataclass
class DetectorConfig:
    input_size: int = 128
    widths: Tuple[int, int, int, int] = (24, 48, 96, 128)  # at H/2, H/4, H/8, H/16
    sigma: float = 1.5  # Gaussian σ of the targets, in heatmap pixels
    num_keypoints: int = len(KEYPOINT_NAMES)

    def to_dict(self) -> Dict:
        d = asdict(self)
        d["widths"] = list(self.widths)
        return d

    @staticmethod
    def from_dict(d: Dict) -> "DetectorConfig":
        d = dict(d)
        d["widths"] = tuple(d["widths"])
        return DetectorConfig(**d)


def cbr(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    """3×3 conv + BatchNorm + ReLU (BN folds into the conv at export: fast on CPU)."""
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Res(nn.Module):
    def __init__(self, ch: int):
        super().__init__()
        self.a = cbr(ch, ch)
        self.b = nn.Sequential(nn.Conv2d(ch, ch, 3, 1, 1, bias=False), nn.BatchNorm2d(ch))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(x + self.b(self.a(x)))


class KeypointNet(nn.Module):
    """Encoder down to H/16 (context: which toe is which), decoder back to H/4 with skips."""

    def __init__(self, cfg: DetectorConfig):
        super().__init__()
        self.cfg = cfg
        w1, w2, w3, w4 = cfg.widths
        self.enc1 = nn.Sequential(cbr(1, w1, 2), cbr(w1, w1))  # H/2
        self.enc2 = nn.Sequential(cbr(w1, w2, 2), Res(w2))  # H/4
        self.enc3 = nn.Sequential(cbr(w2, w3, 2), Res(w3))  # H/8
        self.enc4 = nn.Sequential(cbr(w3, w4, 2), Res(w4), Res(w4))  # H/16
        self.lat3 = nn.Conv2d(w3, w4, 1)
        self.dec3 = nn.Sequential(cbr(w4, w3), Res(w3))
        self.lat2 = nn.Conv2d(w2, w3, 1)
        self.dec2 = nn.Sequential(cbr(w3, w2), Res(w2))
        self.head = nn.Sequential(cbr(w2, w2), nn.Conv2d(w2, cfg.num_keypoints, 1))
        nn.init.constant_(self.head[-1].bias, -4.0)  # prior p≈0.018: stable start for focal/BCE

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        e2 = self.enc2(self.enc1(x))
        e3 = self.enc3(e2)
        e4 = self.enc4(e3)
        d3 = self.dec3(F.interpolate(e4, scale_factor=2.0, mode="nearest") + self.lat3(e3))
        d2 = self.dec2(F.interpolate(d3, scale_factor=2.0, mode="nearest") + self.lat2(e2))
        return self.head(d2)

    def forward(self, xray: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.logits(xray))


def load_detector(weights: Optional[Path], size: int) -> Tuple[KeypointNet, int]:
    """The detector in a weights or run checkpoint (its EMA weights), or a fresh one of ``size`` for None; and its
    step."""
    if weights is None:
        return KeypointNet(DetectorConfig(input_size=size)), 0
    ck = load_ckpt(weights)
    net = KeypointNet(DetectorConfig.from_dict(ck["config"]))
    load_state_any_dtype(net, ck["ema"])
    return net, int(ck.get("step", 0))


def keypoint_consistency(net: KeypointNet, synth: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
    """The skeletal constraint ``train.py --unroll-keypoints`` adds: the squared difference between the detector's
    heatmaps on a synthesized X-ray and on the real one ([N,1,H,W], in [−1, 1]), summed over each map and averaged
    over maps. Zero when the detector finds the same peaks in both; a unit-height Gaussian peak of σ cells moved by
    δ costs 2πσ²·(1 − e^(−δ²/4σ²)) ≈ πδ²/2. Gradients reach ``synth`` only; the net should be frozen (eval mode)."""
    with torch.no_grad():
        target = net(real)
    return ((net(synth) - target) ** 2).sum((2, 3)).mean()


def heatmap_coords(kp: torch.Tensor) -> torch.Tensor:
    """Input-pixel keypoints → heatmap coordinates (same pixel-centre convention)."""
    return (kp + 0.5) / STRIDE - 0.5


def make_targets(kp: torch.Tensor, hm: int, sigma: float) -> Tuple[torch.Tensor, torch.Tensor]:
    """Sub-pixel Gaussian maps [N,K,hm,hm] (unnormalised, peak 1 at the true point) and validity [N,K]."""
    u = heatmap_coords(kp)  # [N,K,2]
    valid = torch.isfinite(u).all(-1) & (u >= -0.5).all(-1) & (u <= hm - 0.5).all(-1)
    u = torch.where(valid[..., None], u, torch.zeros_like(u))
    g = torch.arange(hm, dtype=torch.float32)
    gx = torch.exp(-((g[None, None, :] - u[..., 0:1]) ** 2) / (2 * sigma**2))  # [N,K,hm]
    gy = torch.exp(-((g[None, None, :] - u[..., 1:2]) ** 2) / (2 * sigma**2))
    tgt = gy[..., :, None] * gx[..., None, :] * valid[..., None, None]
    return tgt, valid


def focal_loss(logits: torch.Tensor, tgt: torch.Tensor, alpha: float = 2.0, beta: float = 4.0) -> torch.Tensor:
    """CenterNet's penalty-reduced focal loss on Gaussian targets, normalised by positives.

    The positive of each map is its peak cell; it is pulled towards the target's peak value
    (not to 1), so the learnt map stays an unbiased sub-pixel Gaussian for decoding.
    """
    p = torch.sigmoid(logits)
    peak = tgt.amax(dim=(2, 3), keepdim=True)
    pos = ((tgt >= peak) & (peak > 0)).float()
    logp, log1p = F.logsigmoid(logits), F.logsigmoid(-logits)
    pos_l = -((1 - p) ** alpha) * (tgt * logp + (1 - tgt) * log1p) * pos
    neg_l = -((1 - tgt) ** beta) * (p**alpha) * log1p * (1 - pos)
    return (pos_l.sum() + neg_l.sum()) / pos.sum().clamp_min(1.0)


def mse_loss(logits: torch.Tensor, tgt: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
    """Mean squared error between the sigmoid maps and the Gaussian targets, summed per map and averaged over the
    valid maps. It fits the whole peak, so the learnt map stays close to the target's Gaussian and the
    log-parabola decoding close to unbiased at every sub-cell position; the focal loss only fixes the peak cell's
    value, and its maps come out much sharper than the targets, which the decoding turns into a sub-cell bias.
    """
    err = ((torch.sigmoid(logits) - tgt) ** 2).sum(dim=(2, 3))
    return (err * valid).sum() / valid.sum().clamp_min(1.0)


DECODE_BLUR_SIGMA = 1.0  # heatmap px; the C# HeatmapDecoder uses the same taps
SUBPIXEL = ("per axis, a parabola through the log values at the arg-max and its two neighbours, taken from the map "
            "blurred by a 7-tap Gaussian (sigma 1 heatmap px) when the taps stay on the map (offset clamped to "
            "+-1 cell), else from the raw map (clamped to +-0.5); none on a border cell")


def blur_taps(sigma: float = DECODE_BLUR_SIGMA) -> torch.Tensor:
    """The decoder's normalised 1-D Gaussian taps, radius ⌈3σ⌉."""
    r = max(1, int(math.ceil(3 * sigma)))
    k = torch.exp(-(torch.arange(-r, r + 1, dtype=torch.float64) ** 2) / (2 * sigma**2))
    return (k / k.sum()).float()


def decode(heatmaps: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """[N,K,h,w] → (input-pixel coordinates [N,K,2], confidences [N,K]).

    Sub-pixel refinement in the spirit of DARK (Zhang et al. 2020): the arg-max cell of the raw map, then per
    axis the vertex of the parabola through the logs of that cell and its two neighbours, where the values come
    from the map blurred by a small Gaussian. A learnt peak is never exactly the target's Gaussian; blurred, it is
    close enough that the log-parabola is unbiased at every sub-cell position (on the phantom test X-rays this
    cut the keypoint error by a quarter). The blur would need values beyond the map near its edge, so on an axis
    where the 7 taps around the neighbours leave the map, the raw values are used (exact for a Gaussian peak);
    on a border cell there is no refinement. Blurring is separable, so one axis's choice does not bias the other.
    The confidence is the raw peak value.
    """
    n, k, h, w = heatmaps.shape
    flat = heatmaps.reshape(n, k, -1)
    conf, idx = flat.max(-1)
    iy, ix = idx // w, idx % w
    taps = blur_taps()
    r = taps.numel() // 2
    x = heatmaps.reshape(n * k, 1, h, w).float()
    x = F.conv2d(F.pad(x, (r, r, 0, 0)), taps.view(1, 1, 1, -1))
    x = F.conv2d(F.pad(x, (0, 0, r, r)), taps.view(1, 1, -1, 1))
    blurred = x.reshape(n, k, -1)

    def at(src: torch.Tensor, dy: int, dx: int) -> torch.Tensor:
        yy = (iy + dy).clamp(0, h - 1)
        xx = (ix + dx).clamp(0, w - 1)
        return src.gather(2, (yy * w + xx)[..., None])[..., 0].clamp_min(1e-6).log()

    def vertex(m: torch.Tensor, c: torch.Tensor, p: torch.Tensor, limit: float) -> torch.Tensor:
        den = m - 2 * c + p
        off = torch.where(den < 0, 0.5 * (m - p) / torch.where(den < 0, den, -torch.ones_like(den)), torch.zeros_like(den))
        return off.clamp(-limit, limit)

    def axis(i: torch.Tensor, size: int, dy: int, dx: int) -> torch.Tensor:
        smooth = vertex(at(blurred, -dy, -dx), at(blurred, 0, 0), at(blurred, dy, dx), 1.0)
        raw = vertex(at(flat, -dy, -dx), at(flat, 0, 0), at(flat, dy, dx), 0.5)
        off = torch.where((i > r) & (i < size - 1 - r), smooth, raw)
        return torch.where((i > 0) & (i < size - 1), off, torch.zeros_like(off))

    u = torch.stack([ix.float() + axis(ix, w, 0, 1), iy.float() + axis(iy, h, 1, 0)], dim=-1)
    return (u + 0.5) * STRIDE - 0.5, conf


def kcc(conf: torch.Tensor, tau: float = 0.65) -> torch.Tensor:
    """Paper eq. 12: S·(1/M)·Σ 1(c_i ≥ τ), S = mean confidence."""
    return conf.mean(-1) * (conf >= tau).float().mean(-1)


# ---------------------------------------------------------------------------------------------
# Augmentation (batched, torch): geometry moves keypoints consistently; photometric degradations
# mimic synthesized X-rays (blur, noise, low-frequency blotches, contrast/gamma changes).


def random_affine(x: torch.Tensor, kp: torch.Tensor, gen: torch.Generator, rot_deg: float = 25.0,
                  scale: Tuple[float, float] = (0.8, 1.2), trans: float = 0.1, flip_p: float = 0.5
                  ) -> Tuple[torch.Tensor, torch.Tensor]:
    n, _, h, w = x.shape
    ang = (torch.rand(n, generator=gen) * 2 - 1) * math.radians(rot_deg)
    sc = scale[0] + torch.rand(n, generator=gen) * (scale[1] - scale[0])
    tx = (torch.rand(n, generator=gen) * 2 - 1) * trans * 2
    ty = (torch.rand(n, generator=gen) * 2 - 1) * trans * 2
    fl = torch.where(torch.rand(n, generator=gen) < flip_p, -1.0, 1.0)
    # output→input map in normalised coords: in = R(ang)·diag(fl,1)/sc · out + t
    cos, sin = torch.cos(ang) / sc, torch.sin(ang) / sc
    A = torch.stack([torch.stack([cos * fl, -sin], -1), torch.stack([sin * fl, cos], -1)], -2)  # [n,2,2]
    b = torch.stack([tx, ty], -1)
    theta = torch.cat([A, b[..., None]], -1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    out = F.grid_sample(x + 1.0, grid, mode="bilinear", padding_mode="zeros", align_corners=False) - 1.0
    size = torch.tensor([w, h], dtype=torch.float32)
    kin = (kp + 0.5) / size * 2 - 1  # normalised input coords
    kout = torch.linalg.solve(A[:, None].expand(-1, kp.shape[1], -1, -1), (kin - b[:, None])[..., None])[..., 0]
    return out, (kout + 1) / 2 * size - 0.5


def _blur(x: torch.Tensor, sigma: float) -> torch.Tensor:
    if sigma < 0.2:
        return x
    r = max(1, int(math.ceil(2.5 * sigma)))
    k = torch.exp(-(torch.arange(-r, r + 1, dtype=torch.float32) ** 2) / (2 * sigma**2))
    k = k / k.sum()
    x = F.conv2d(F.pad(x, (r, r, 0, 0), mode="replicate"), k.view(1, 1, 1, -1))
    return F.conv2d(F.pad(x, (0, 0, r, r), mode="replicate"), k.view(1, 1, -1, 1))


def photometric(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    n = x.shape[0]
    out = []
    for i in range(n):
        r = torch.rand(6, generator=gen)
        y = (x[i : i + 1] + 1) / 2
        y = y.clamp(0, 1) ** float(0.6 + 0.9 * r[0])  # gamma
        y = (y - 0.5) * float(0.7 + 0.6 * r[1]) + 0.5 + float(r[2] - 0.5) * 0.2  # contrast, brightness
        y = _blur(y, float(r[3]) * 1.6)
        if r[4] < 0.5:  # low-frequency blotches, like a few-step diffusion sample
            lf = torch.randn(1, 1, 8, 8, generator=gen) * 0.06
            y = y + F.interpolate(lf, size=y.shape[-2:], mode="bilinear", align_corners=False)
        y = y + torch.randn(y.shape, generator=gen) * float(r[5]) * 0.08
        out.append(y.clamp(0, 1) * 2 - 1)
    return torch.cat(out, 0)
