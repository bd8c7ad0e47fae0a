"""Noise schedule and the per-frame SCCDM sampler (reference implementation in torch).

The sampler follows /work/shared/design/sccdm.md "The reduced-step sampler" step by step so
training previews look like what the app renders. It is a reference, not the product path.
"""

from __future__ import annotations

import math
from typing import Callable, List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F

T_DEFAULT = 1000
BETA_START = 1e-4
BETA_END = 0.02


class Schedule:
    """Linear β schedule, ᾱ_t = Π(1-β_s). Index t in 0..T-1 (t=T-1 is the noisiest)."""

    def __init__(self, T: int = T_DEFAULT, beta_start: float = BETA_START, beta_end: float = BETA_END):
        self.T = T
        self.beta_start = beta_start
        self.beta_end = beta_end
        betas = torch.linspace(beta_start, beta_end, T, dtype=torch.float64)
        self.alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)

    def abar(self, t: torch.Tensor) -> torch.Tensor:
        """ᾱ_t as float32, shaped [N,1,1,1] for broadcasting."""
        return self.alphas_cumprod.to(t.device)[t].float().view(-1, 1, 1, 1)

    def q_sample(self, d0: torch.Tensor, t: torch.Tensor, eps: torch.Tensor) -> torch.Tensor:
        ab = self.abar(t)
        return ab.sqrt() * d0 + (1.0 - ab).sqrt() * eps


def trailing_timesteps(T: int, steps: int) -> List[int]:
    """t_i = round(T - i·T/S) - 1, e.g. 999, 749, 499, 249 for S=4."""
    return [int(round(T - i * T / steps)) - 1 for i in range(steps)]


def gaussian_blur5(x: torch.Tensor, sigma: float = 1.0) -> torch.Tensor:
    """5×5 Gaussian blur, σ=1, replicate-padded edges (the app's shader must match this choice)."""
    r = torch.arange(-2, 3, dtype=torch.float32, device=x.device)
    k1 = torch.exp(-(r**2) / (2 * sigma**2))
    k1 = k1 / k1.sum()
    ch = int(x.shape[1])  # a constant when traced for ONNX export, so the kernel's shape is known
    k = (k1[:, None] * k1[None, :]).view(1, 1, 5, 5).repeat(ch, 1, 1, 1)
    return F.conv2d(F.pad(x, (2, 2, 2, 2), mode="replicate"), k, groups=ch)


def fuse_multiscale(feats: Sequence[torch.Tensor], size: Tuple[int, int]) -> torch.Tensor:
    """M = mean over levels of min/max-normalised, bilinearly upsampled |feature| maps."""
    acc = None
    for f in feats:
        u = F.interpolate(f, size=size, mode="bilinear", align_corners=False)
        lo = u.amin(dim=(2, 3), keepdim=True)
        hi = u.amax(dim=(2, 3), keepdim=True)
        u = (u - lo) / (hi - lo).clamp_min(1e-8)
        acc = u if acc is None else acc + u
    return acc / len(feats)


def paper_step(d: torch.Tensor, eps: torch.Tensor, attn: torch.Tensor, feats: Sequence[torch.Tensor],
               ab: torch.Tensor, ab_prev: torch.Tensor, psi: float = 1.0, lam: float = 1.0,
               sigma: Optional[torch.Tensor] = None) -> torch.Tensor:
    """Steps 2–8 of one SCCDM paper-variant step (sccdm.md) given the network's outputs: the fusion mask, the
    attention gate, d̂₀, blur and re-noise, the blends and the DDIM update to ᾱ_prev (without the σ·z term)."""
    hh, ww = d.shape[-2:]
    s1 = (1.0 - ab).sqrt()
    m = fuse_multiscale(feats, (hh, ww))
    g = (F.interpolate(attn, size=(hh, ww), mode="nearest") > psi).float()
    d0_hat = ((d - s1 * eps) / ab.sqrt()).clamp(-2.0, 2.0)
    d_tilde = ab.sqrt() * gaussian_blur5(d0_hat) + s1 * eps
    d_attn = (1 - g) * ((1 - lam * m) * d + lam * m * d_tilde) + g * d_tilde
    return ddim_update(d_attn, eps, ab, ab_prev, sigma)


def ddim_update(d: torch.Tensor, eps: torch.Tensor, ab: torch.Tensor, ab_prev: torch.Tensor,
                sigma: Optional[torch.Tensor] = None) -> torch.Tensor:
    """Steps 7–8 without noise: √ᾱ_prev·d̂₀′ + √(1−ᾱ_prev−σ²)·ε, with d̂₀′ = (d − √(1−ᾱ)·ε)/√ᾱ."""
    d0p = (d - (1.0 - ab).sqrt() * eps) / ab.sqrt()
    sig2 = 0.0 if sigma is None else sigma**2
    return ab_prev.sqrt() * d0p + (1 - ab_prev - sig2).clamp_min(0).sqrt() * eps


def schedule_steps(sched: Schedule, steps: int, n: int, device: torch.device):
    """For each step of the trailing S-step schedule: t as an [n] tensor, ᾱ_t and ᾱ_prev (1 after the last step)."""
    ts = trailing_timesteps(sched.T, steps)
    for i, t in enumerate(ts):
        tt = torch.full((n,), t, dtype=torch.long, device=device)
        ab = sched.abar(tt)
        ab_prev = sched.abar(torch.full_like(tt, ts[i + 1])) if i + 1 < len(ts) else torch.ones_like(ab)
        yield tt, ab, ab_prev


def rollout(net: "NetFn", cond: torch.Tensor, z: torch.Tensor, sched: Schedule, steps: int, psi: float = 1.0,
            lam: float = 1.0) -> torch.Tensor:
    """The deterministic (η = 0) paper-variant sampler from the noise ``z``, differentiable end to end: returns the
    final diff-domain d₀ (unclamped). Training through it (``train.py --unroll``) teaches the net what its own
    previous step hands it, the way the app samples."""
    d = z
    for tt, ab, ab_prev in schedule_steps(sched, steps, cond.shape[0], cond.device):
        eps, attn, feats = net(d, cond, tt)
        d = paper_step(d, eps, attn, feats, ab, ab_prev, psi, lam)
    return d


def ssim(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Mean SSIM (Wang et al. 2004: Gaussian window 11×11, σ = 1.5, K1 = 0.01, K2 = 0.03, valid region) of images
    with intensities in [0, 1], [N,1,H,W]; differentiable, the measure `sccdm eval` reports."""
    r = torch.arange(-5, 6, dtype=torch.float32, device=a.device)
    g = torch.exp(-(r**2) / (2 * 1.5**2))
    g = g / g.sum()
    k = (g[:, None] * g[None, :]).view(1, 1, 11, 11)
    mu_a, mu_b = F.conv2d(a, k), F.conv2d(b, k)
    var_a = F.conv2d(a * a, k) - mu_a**2
    var_b = F.conv2d(b * b, k) - mu_b**2
    cov = F.conv2d(a * b, k) - mu_a * mu_b
    c1, c2 = 0.01**2, 0.03**2
    return (((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a**2 + mu_b**2 + c1) * (var_a + var_b + c2))).mean()


NetFn = Callable[[torch.Tensor, torch.Tensor, torch.Tensor], Tuple[torch.Tensor, torch.Tensor, List[torch.Tensor]]]


@torch.no_grad()
def sample(
    net: NetFn,
    cond: torch.Tensor,
    sched: Schedule,
    steps: int = 4,
    variant: str = "paper",
    psi: float = 1.0,
    lam: float = 1.0,
    eta: float = 0.0,
    generator: Optional[torch.Generator] = None,
) -> torch.Tensor:
    """Generate X-rays x = clamp(d0 + c, -1, 1) for a batch of conditions with trailing DDIM.

    variant "paper": the one-pass SCCDM step of sccdm.md; "ddim": plain DDIM (no refinement).
    """
    d = torch.randn(cond.shape, generator=generator, device=cond.device)
    for i, (tt, ab, ab_prev) in enumerate(schedule_steps(sched, steps, cond.shape[0], cond.device)):
        eps, attn, feats = net(d, cond, tt)
        sigma = eta * ((1 - ab_prev) / (1 - ab) * (1 - ab / ab_prev)).clamp_min(0).sqrt()
        if variant == "paper":
            d = paper_step(d, eps, attn, feats, ab, ab_prev, psi, lam, sigma)
        else:
            d = ddim_update(d, eps, ab, ab_prev, sigma)
        if eta > 0 and i + 1 < steps:
            d = d + sigma * torch.randn(d.shape, generator=generator, device=d.device)
    return (d + cond).clamp(-1.0, 1.0)
