"""The SCCDM U-Net: a DDPM-style U-Net with multi-scale residual blocks and self-attention.

Besides ε it returns the two side outputs the SCCDM sampler needs (see
/work/shared/design/sccdm.md, "THE ONNX CONTRACT"):

* ``attn``: the middle block's softmax attention matrix summed over queries, one value per key
  token, shaped [N,1,h,w]. Softmax rows sum to 1 and there are as many queries as keys, so the
  mean over keys is exactly 1 (averaged over heads when there are several).
* ``feat_l``: channel-mean of |features| at the output of decoder level l, at that level's own
  resolution. ``feat_0`` is the finest level, ``feat_{L-1}`` the coarsest.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .diffusion import Schedule


@dataclass
class UNetConfig:
    """Architecture hyper-parameters. ``stem`` > 1 means pixel-unshuffle in, learned upsample out."""

    name: str
    image_size: int
    base_ch: int
    mult: Tuple[int, ...]
    num_res_blocks: int
    attn_levels: Tuple[int, ...] = ()  # 0-based levels (of the U-Net body) with self-attention
    multiscale: str = "all"  # "all" | "decoder" | "none": which residual blocks are multi-scale
    dropout: float = 0.0
    stem: int = 1  # pixel-unshuffle factor of the input stem (1 = none)
    head_ch: int = 16  # width of the full-resolution head when stem > 1
    # Width of a second full-resolution branch beside the head (0 = none): three 3×3 convs on the same input as the
    # head, added to its output. Its last conv starts at zero, so a trained net widened this way starts unchanged.
    head_res: int = 0
    in_ch: int = 2
    out_ch: int = 1
    attn_heads: int = 1
    lr: float = 2e-4  # default learning rate for train.py
    # What the last layer predicts. "eps": ε itself. "v": v = √ᾱ·ε − √(1−ᾱ)·d₀, turned into
    # ε = √ᾱ·v + √(1−ᾱ)·d_t inside the graph, so the exported contract (output "eps") is the same.
    # At t = 999 (√ᾱ ≈ 0.006) ε-prediction needs ε to 1% to get d̂₀ right to ±1; v-prediction
    # carries d_t through exactly and predicts d̂₀ ≈ −v directly.
    prediction: str = "eps"

    def to_dict(self) -> Dict:
        d = asdict(self)
        d["mult"] = list(self.mult)
        d["attn_levels"] = list(self.attn_levels)
        return d

    @staticmethod
    def from_dict(d: Dict) -> "UNetConfig":
        d = dict(d)
        d["mult"] = tuple(d["mult"])
        d["attn_levels"] = tuple(d["attn_levels"])
        return UNetConfig(**d)


def _groups(ch: int) -> int:
    """GroupNorm group count: 32 like the reference U-Nets, fewer for narrow layers."""
    for g in (32, 16, 8, 4, 2, 1):
        if ch % g == 0 and ch // g >= 2:
            return g
    return 1


class GroupNorm32(nn.GroupNorm):
    """GroupNorm that normalises in float32 whatever the input's type.

    Under bfloat16 autocast on the CPU (``train.py --bf16``) the convolutions hand GroupNorm bfloat16 activations,
    which torch 1.13 refuses beside float32 weights; statistics over a group are also where bfloat16's 8-bit
    mantissa would hurt. On float32 input (export, ONNX parity, every sampler) this is plain GroupNorm, graph and
    state-dict keys unchanged."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dtype == torch.float32:
            return super().forward(x)
        return F.group_norm(x.float(), self.num_groups, self.weight, self.bias, self.eps).to(x.dtype)


def norm(ch: int) -> nn.GroupNorm:
    return GroupNorm32(_groups(ch), ch, eps=1e-5)


def timestep_embedding(t: torch.Tensor, dim: int) -> torch.Tensor:
    """Sinusoidal embedding of integer timesteps (Transformer/DDPM style), [N] -> [N, dim]."""
    half = dim // 2
    freqs = torch.exp(
        -math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half
    )
    args = t.to(torch.float32)[:, None] * freqs[None, :]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


class ResBlock(nn.Module):
    """GN-SiLU-conv, + time projection, GN-SiLU-dropout-conv, residual.

    With ``multiscale`` the second stage's output h also feeds parallel 3×3/5×5/7×7 convolutions
    (out_ch/4 channels each); [h, b3, b5, b7] is concatenated and fused back by a 1×1 conv
    (the paper's MultiScaleResBlock).
    """

    def __init__(self, in_ch: int, out_ch: int, temb_ch: int, dropout: float, multiscale: bool):
        super().__init__()
        self.norm1 = norm(in_ch)
        self.conv1 = nn.Conv2d(in_ch, out_ch, 3, padding=1)
        self.temb = nn.Linear(temb_ch, out_ch)
        self.norm2 = norm(out_ch)
        self.dropout = nn.Dropout(dropout)
        self.conv2 = nn.Conv2d(out_ch, out_ch, 3, padding=1)
        self.multiscale = multiscale
        if multiscale:
            if out_ch % 4:
                raise ValueError(f"multi-scale block needs out_ch divisible by 4, got {out_ch}")
            q = out_ch // 4
            self.ms3 = nn.Conv2d(out_ch, q, 3, padding=1)
            self.ms5 = nn.Conv2d(out_ch, q, 5, padding=2)
            self.ms7 = nn.Conv2d(out_ch, q, 7, padding=3)
            self.fuse = nn.Conv2d(out_ch + 3 * q, out_ch, 1)
        self.skip = nn.Conv2d(in_ch, out_ch, 1) if in_ch != out_ch else nn.Identity()

    def forward(self, x: torch.Tensor, temb: torch.Tensor) -> torch.Tensor:
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.temb(F.silu(temb))[:, :, None, None]
        h = self.conv2(self.dropout(F.silu(self.norm2(h))))
        if self.multiscale:
            h = self.fuse(torch.cat([h, self.ms3(h), self.ms5(h), self.ms7(h)], dim=1))
        return self.skip(x) + h


class AttnBlock(nn.Module):
    """Self-attention over all spatial positions; also returns per-key column sums [N,1,h,w]."""

    def __init__(self, ch: int, heads: int = 1):
        super().__init__()
        if ch % heads:
            raise ValueError("channels must divide by heads")
        self.heads = heads
        self.norm = norm(ch)
        self.qkv = nn.Conv2d(ch, 3 * ch, 1)
        self.proj = nn.Conv2d(ch, ch, 1)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        n, c, hh, ww = x.shape
        dh = c // self.heads
        qkv = self.qkv(self.norm(x)).reshape(n * self.heads, 3 * dh, hh * ww)
        q, k, v = qkv[:, :dh], qkv[:, dh : 2 * dh], qkv[:, 2 * dh :]
        logits = torch.bmm(q.transpose(1, 2), k) * (1.0 / math.sqrt(dh))  # [n*heads, Q, K]
        a = torch.softmax(logits, dim=-1)
        out = torch.bmm(v, a.transpose(1, 2))  # [n*heads, dh, Q]
        out = self.proj(out.reshape(n, c, hh, ww))
        colsum = a.sum(dim=1).reshape(n, self.heads, hh, ww).mean(dim=1, keepdim=True)
        return x + out, colsum


class Downsample(nn.Module):
    def __init__(self, ch: int):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, stride=2, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(x)


class Upsample(nn.Module):
    """Nearest ×2 then 3×3 conv (no transposed conv: avoids checkerboard artefacts)."""

    def __init__(self, ch: int):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class UNet(nn.Module):
    """U-Net on concat(d_t, cond). forward returns (eps, attn, [feat_0..feat_{L-1}]); eps is ε whatever
    the last layer predicts (``cfg.prediction``)."""

    def __init__(self, cfg: UNetConfig):
        super().__init__()
        if cfg.prediction not in ("eps", "v"):
            raise ValueError(f"prediction must be 'eps' or 'v', got {cfg.prediction!r}")
        self.cfg = cfg
        if cfg.prediction == "v":
            ab = Schedule().alphas_cumprod
            # Not in the state dict: the same weights load into either parameterisation.
            self.register_buffer("sqrt_ab", ab.sqrt().float(), persistent=False)
            self.register_buffer("sqrt_1m_ab", (1.0 - ab).sqrt().float(), persistent=False)
        ch = cfg.base_ch
        temb_ch = 4 * ch
        levels = len(cfg.mult)
        self.temb = nn.Sequential(nn.Linear(ch, temb_ch), nn.SiLU(), nn.Linear(temb_ch, temb_ch))
        s = cfg.stem
        self.conv_in = nn.Conv2d(cfg.in_ch * s * s, ch, 3, padding=1)

        ms_enc = cfg.multiscale == "all"
        ms_dec = cfg.multiscale in ("all", "decoder")
        self.down = nn.ModuleList()
        self.down_attn = nn.ModuleList()
        skips = [ch]
        cur = ch
        for lvl, m in enumerate(cfg.mult):
            for _ in range(cfg.num_res_blocks):
                self.down.append(ResBlock(cur, ch * m, temb_ch, cfg.dropout, ms_enc))
                cur = ch * m
                self.down_attn.append(
                    AttnBlock(cur, cfg.attn_heads) if lvl in cfg.attn_levels else nn.Identity()
                )
                skips.append(cur)
            if lvl != levels - 1:
                self.down.append(Downsample(cur))
                self.down_attn.append(nn.Identity())
                skips.append(cur)

        self.mid1 = ResBlock(cur, cur, temb_ch, cfg.dropout, ms_enc)
        self.mid_attn = AttnBlock(cur, cfg.attn_heads)
        self.mid2 = ResBlock(cur, cur, temb_ch, cfg.dropout, ms_enc)

        self.up = nn.ModuleList()
        self.up_attn = nn.ModuleList()
        self.upsamplers = nn.ModuleList()
        for lvl in reversed(range(levels)):
            m = cfg.mult[lvl]
            for _ in range(cfg.num_res_blocks + 1):
                self.up.append(ResBlock(cur + skips.pop(), ch * m, temb_ch, cfg.dropout, ms_dec))
                cur = ch * m
                self.up_attn.append(
                    AttnBlock(cur, cfg.attn_heads) if lvl in cfg.attn_levels else nn.Identity()
                )
            self.upsamplers.append(Upsample(cur) if lvl != 0 else nn.Identity())

        self.norm_out = norm(cur)
        if s == 1 and cfg.head_res > 0:
            raise ValueError("head_res needs a pixel-unshuffle stem (stem > 1)")
        if s == 1:
            self.conv_out = nn.Conv2d(cur, cfg.out_ch, 3, padding=1)
            last = self.conv_out
        else:
            # Learned upsample head: nearest ×s of the body's features, concatenated with the raw
            # full-resolution input, then two 3×3 convs. A pixel-shuffle head left a 2×2 grid.
            self.head1 = nn.Conv2d(cur + cfg.in_ch, cfg.head_ch, 3, padding=1)
            self.head2 = nn.Conv2d(cfg.head_ch, cfg.out_ch, 3, padding=1)
            last = self.head2
            if cfg.head_res > 0:
                self.head_res = nn.Sequential(
                    nn.Conv2d(cur + cfg.in_ch, cfg.head_res, 3, padding=1), nn.SiLU(),
                    nn.Conv2d(cfg.head_res, cfg.head_res, 3, padding=1), nn.SiLU(),
                    nn.Conv2d(cfg.head_res, cfg.out_ch, 3, padding=1))
                nn.init.zeros_(self.head_res[-1].weight)
                nn.init.zeros_(self.head_res[-1].bias)
        nn.init.zeros_(last.weight)
        nn.init.zeros_(last.bias)
        # Zero-init each residual branch's last conv: the net starts as identity-ish (stable).
        for mod in self.modules():
            if isinstance(mod, ResBlock):
                target = mod.fuse if mod.multiscale else mod.conv2
                nn.init.zeros_(target.weight)
                nn.init.zeros_(target.bias)
            if isinstance(mod, AttnBlock):
                nn.init.zeros_(mod.proj.weight)
                nn.init.zeros_(mod.proj.bias)

    @property
    def num_levels(self) -> int:
        return len(self.cfg.mult)

    def forward(
        self, d_t: torch.Tensor, cond: torch.Tensor, t: torch.Tensor, raw: bool = False
    ) -> Tuple[torch.Tensor, torch.Tensor, List[torch.Tensor]]:
        """raw=True returns the last layer's prediction (ε or v, the training target) instead of ε."""
        cfg = self.cfg
        x = torch.cat([d_t, cond], dim=1)
        temb = self.temb(timestep_embedding(t, cfg.base_ch))
        h = F.pixel_unshuffle(x, cfg.stem) if cfg.stem > 1 else x
        h = self.conv_in(h)
        hs = [h]
        for blk, att in zip(self.down, self.down_attn):
            h = blk(h, temb) if isinstance(blk, ResBlock) else blk(h)
            if isinstance(att, AttnBlock):
                h, _ = att(h)
            hs.append(h)

        h = self.mid1(h, temb)
        h, attn = self.mid_attn(h)
        h = self.mid2(h, temb)

        feats: List[torch.Tensor] = []
        i = 0
        for u, lvl in enumerate(reversed(range(self.num_levels))):
            for _ in range(cfg.num_res_blocks + 1):
                h = self.up[i](torch.cat([h, hs.pop()], dim=1), temb)
                att = self.up_attn[i]
                if isinstance(att, AttnBlock):
                    h, _ = att(h)
                i += 1
            feats.append(h.abs().mean(dim=1, keepdim=True))
            h = self.upsamplers[u](h)
        feats.reverse()  # feat_0 = finest level

        h = F.silu(self.norm_out(h))
        if cfg.stem == 1:
            eps = self.conv_out(h)
        else:
            h = F.interpolate(h, scale_factor=float(cfg.stem), mode="nearest")
            z = torch.cat([h, x], dim=1)
            eps = self.head2(F.silu(self.head1(z)))
            if cfg.head_res > 0:
                eps = eps + self.head_res(z)
        if cfg.prediction == "v" and not raw:
            sa = self.sqrt_ab[t].view(-1, 1, 1, 1)
            s1 = self.sqrt_1m_ab[t].view(-1, 1, 1, 1)
            eps = sa * eps + s1 * d_t
        return eps, attn, feats


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


CONFIGS: Dict[str, UNetConfig] = {
    # The paper / reference configuration (256², base 64, [1,2,3,4], 2 blocks, attention at the
    # third level (64×64 at 256 px, index 2) and in the middle, dropout 0.3, lr 1e-5).
    "paper": UNetConfig(
        name="paper", image_size=256, base_ch=64, mult=(1, 2, 3, 4), num_res_blocks=2,
        attn_levels=(2,), multiscale="all", dropout=0.3, stem=1, lr=1e-5,
    ),
    # The kiosk configuration, chosen from measurements (see SIZING.md).
    "kiosk": UNetConfig(
        name="kiosk", image_size=128, base_ch=32, mult=(1, 2, 2, 4), num_res_blocks=1,
        attn_levels=(), multiscale="decoder", dropout=0.1, stem=2, head_ch=16, lr=2e-4,
    ),
    # A successor to kiosk with twice the width at 64², where the bones are drawn (SIZING.md, session C: K5,
    # ×1.6 the forward time, 19.2 MB of ONNX). v-prediction from the start, as the kiosk model ended up.
    "kiosk-wide": UNetConfig(
        name="kiosk-wide", image_size=128, base_ch=64, mult=(1, 1, 1, 2), num_res_blocks=1,
        attn_levels=(), multiscale="decoder", dropout=0.1, stem=2, head_ch=16, lr=2e-4, prediction="v",
    ),
}


def get_config(name: str, image_size: int | None = None) -> UNetConfig:
    if name not in CONFIGS:
        raise KeyError(f"unknown config {name!r}; known: {', '.join(CONFIGS)}")
    cfg = UNetConfig.from_dict(CONFIGS[name].to_dict())
    if image_size:
        cfg.image_size = image_size
    return cfg


def check_size(cfg: UNetConfig, size: int) -> None:
    """The body halves the resolution len(mult)-1 times after the stem."""
    div = cfg.stem * 2 ** (len(cfg.mult) - 1)
    if size % div:
        raise ValueError(f"image size {size} must be divisible by {div} for config {cfg.name}")
