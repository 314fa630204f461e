"""PyTorch counterpart of the vae-decode-64 / vae-encode-512 benchmarks, written for this repo.

The CompVis AutoencoderKL of SD 1.5 (ch 128, ch_mult [1,2,4,4], 2 res blocks, z 4, one attention block in the
middle), as ldm/modules/diffusionmodules/model.py lays it out, with the timing of anchor_timing.py.

    OMP_WAIT_POLICY=passive /usr/bin/python3 bench/python/vae_anchor.py decode   # vae-decode-64
    OMP_WAIT_POLICY=passive /usr/bin/python3 bench/python/vae_anchor.py encode   # vae-encode-512
"""
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

from anchor_timing import random_weights, time_forward

CH, MULT, BLOCKS, Z = 128, [1, 2, 4, 4], 2, 4


def norm(ch):
    return nn.GroupNorm(32, ch, eps=1e-6)


class ResBlock(nn.Module):
    def __init__(self, ch, out):
        super().__init__()
        self.body = nn.Sequential(norm(ch), nn.SiLU(), nn.Conv2d(ch, out, 3, padding=1),
                                  norm(out), nn.SiLU(), nn.Conv2d(out, out, 3, padding=1))
        self.skip = nn.Conv2d(ch, out, 1) if ch != out else nn.Identity()

    def forward(self, x):
        return self.skip(x) + self.body(x)


class AttnBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.norm = norm(ch)
        self.q, self.k, self.v, self.proj = (nn.Conv2d(ch, ch, 1) for _ in range(4))

    def forward(self, x):
        b, c, h, w = x.shape
        n = self.norm(x)
        q = self.q(n).reshape(b, c, h * w).permute(0, 2, 1)       # [B, HW, C]
        k = self.k(n).reshape(b, c, h * w)                         # [B, C, HW]
        weights = torch.bmm(q, k).mul(c ** -0.5).softmax(dim=2)    # [B, HW, HW]
        v = self.v(n).reshape(b, c, h * w)                         # [B, C, HW]
        out = torch.bmm(v, weights.permute(0, 2, 1)).reshape(b, c, h, w)
        return x + self.proj(out)


class Down(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, stride=2)

    def forward(self, x):
        return self.conv(F.pad(x, (0, 1, 0, 1)))


class Up(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


def middle(ch):
    return [ResBlock(ch, ch), AttnBlock(ch), ResBlock(ch, ch)]


def encoder():
    layers, ch = [nn.Conv2d(3, CH, 3, padding=1)], CH
    for level, m in enumerate(MULT):
        for _ in range(BLOCKS):
            layers.append(ResBlock(ch, CH * m))
            ch = CH * m
        if level != len(MULT) - 1:
            layers.append(Down(ch))
    layers += middle(ch) + [norm(ch), nn.SiLU(), nn.Conv2d(ch, 2 * Z, 3, padding=1), nn.Conv2d(2 * Z, 2 * Z, 1)]
    return nn.Sequential(*layers)


def decoder():
    ch = CH * MULT[-1]
    layers = [nn.Conv2d(Z, Z, 1), nn.Conv2d(Z, ch, 3, padding=1)] + middle(ch)
    for level, m in reversed(list(enumerate(MULT))):
        for _ in range(BLOCKS + 1):
            layers.append(ResBlock(ch, CH * m))
            ch = CH * m
        if level != 0:
            layers.append(Up(ch))
    layers += [norm(ch), nn.SiLU(), nn.Conv2d(ch, 3, 3, padding=1)]
    return nn.Sequential(*layers)


def main(name):
    if name == "decode":
        net, x = random_weights(decoder()), torch.randn(1, Z, 64, 64)
        time_forward("vae-decode-64", lambda: net(x), runs=3)
    elif name == "encode":
        net, x = random_weights(encoder()), torch.rand(1, 3, 512, 512) * 2 - 1
        time_forward("vae-encode-512", lambda: net(x), runs=3)
    else:
        sys.exit(f"unknown case '{name}'; known: decode, encode")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "decode")
