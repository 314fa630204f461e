"""Side-by-side timing of the same UNet forwards in PyTorch (the project's anchor), written for this repo.

Same architecture and sizes as bench/Models/ModelBenchmarks.cs (CompVis UNet layout, naive attention as in the
reference; on a GPU PyTorch 2's fused attention), with the timing of anchor_timing.py, so both can be run back to
back on a shared machine.

    /usr/bin/python3 bench/python/unet_anchor.py tiny          # unet-tiny-8
    /usr/bin/python3 bench/python/unet_anchor.py full32        # unet-full-32
    python3 bench/python/unet_anchor.py cuda64-fp16            # unet-cuda-64-fp16 (a CUDA torch)
"""
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

from anchor_timing import random_weights, time_forward

FUSED_ATTENTION = hasattr(F, "scaled_dot_product_attention")


def norm(ch, eps=1e-5):
    return nn.GroupNorm(32, ch, eps=eps)


class ResBlock(nn.Module):
    def __init__(self, ch, emb, out):
        super().__init__()
        self.in_layers = nn.Sequential(norm(ch), nn.SiLU(), nn.Conv2d(ch, out, 3, padding=1))
        self.emb_layers = nn.Sequential(nn.SiLU(), nn.Linear(emb, out))
        self.out_layers = nn.Sequential(norm(out), nn.SiLU(), nn.Dropout(0), nn.Conv2d(out, out, 3, padding=1))
        self.skip = nn.Conv2d(ch, out, 1) if ch != out else nn.Identity()

    def forward(self, x, emb, ctx):
        h = self.in_layers(x) + self.emb_layers(emb)[:, :, None, None]
        return self.skip(x) + self.out_layers(h)


class Attn(nn.Module):
    def __init__(self, dim, ctx_dim, heads, head_dim):
        super().__init__()
        inner = heads * head_dim
        self.heads, self.scale = heads, head_dim ** -0.5
        self.q, self.k, self.v = nn.Linear(dim, inner, False), nn.Linear(ctx_dim, inner, False), nn.Linear(ctx_dim, inner, False)
        self.out = nn.Linear(inner, dim)

    def split(self, t):
        b, n, _ = t.shape
        return t.reshape(b, n, self.heads, -1).permute(0, 2, 1, 3).reshape(b * self.heads, n, -1)

    def forward(self, x, ctx=None):
        ctx = x if ctx is None else ctx
        q, k, v = self.split(self.q(x)), self.split(self.k(ctx)), self.split(self.v(ctx))
        if FUSED_ATTENTION and q.is_cuda:   # PyTorch 2's fused kernel: the strongest eager baseline on a GPU
            o = F.scaled_dot_product_attention(q, k, v)
        else:                               # the original's (ldm) attention, as the CPU anchors time it
            sim = torch.einsum("bid,bjd->bij", q, k) * self.scale
            o = torch.einsum("bij,bjd->bid", sim.softmax(-1), v)
        b = x.shape[0]
        return self.out(o.reshape(b, self.heads, -1, o.shape[-1]).permute(0, 2, 1, 3).reshape(b, -1, self.heads * o.shape[-1]))


class Transformer(nn.Module):
    def __init__(self, ch, heads, head_dim, ctx_dim):
        super().__init__()
        self.norm, self.proj_in, self.proj_out = norm(ch, 1e-6), nn.Conv2d(ch, ch, 1), nn.Conv2d(ch, ch, 1)
        self.attn1, self.attn2 = Attn(ch, ch, heads, head_dim), Attn(ch, ctx_dim, heads, head_dim)
        self.n1, self.n2, self.n3 = nn.LayerNorm(ch), nn.LayerNorm(ch), nn.LayerNorm(ch)
        self.geglu, self.ff_out = nn.Linear(ch, ch * 8), nn.Linear(ch * 4, ch)

    def forward(self, x, emb, ctx):
        b, c, h, w = x.shape
        t = self.proj_in(self.norm(x)).permute(0, 2, 3, 1).reshape(b, h * w, c)
        t = self.attn1(self.n1(t)) + t
        t = self.attn2(self.n2(t), ctx) + t
        a, gate = self.geglu(self.n3(t)).chunk(2, dim=-1)
        t = self.ff_out(a * F.gelu(gate)) + t
        return self.proj_out(t.reshape(b, h, w, c).permute(0, 3, 1, 2)) + x


class Down(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.op = nn.Conv2d(ch, ch, 3, stride=2, padding=1)

    def forward(self, x, emb, ctx):
        return self.op(x)


class Up(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x, emb, ctx):
        return self.conv(F.interpolate(x, scale_factor=2, mode="nearest"))


class Stage(nn.ModuleList):
    def forward(self, x, emb, ctx):
        for layer in self:
            x = layer(x, emb, ctx)
        return x


class First(nn.Conv2d):
    def forward(self, x, emb, ctx):
        return super().forward(x)


class Unet(nn.Module):
    def __init__(self, mc, mult, blocks, attn_res, heads, ctx_dim):
        super().__init__()
        emb = mc * 4
        self.mc = mc
        self.time_embed = nn.Sequential(nn.Linear(mc, emb), nn.SiLU(), nn.Linear(emb, emb))
        tr = lambda ch: Transformer(ch, heads, ch // heads, ctx_dim)
        self.inputs, chans, ch, ds = nn.ModuleList([Stage([First(4, mc, 3, padding=1)])]), [mc], mc, 1
        for level, m in enumerate(mult):
            for _ in range(blocks):
                layers = [ResBlock(ch, emb, mc * m)]
                ch = mc * m
                if ds in attn_res:
                    layers.append(tr(ch))
                self.inputs.append(Stage(layers))
                chans.append(ch)
            if level != len(mult) - 1:
                self.inputs.append(Stage([Down(ch)]))
                chans.append(ch)
                ds *= 2
        self.middle = Stage([ResBlock(ch, emb, ch), tr(ch), ResBlock(ch, emb, ch)])
        self.outputs = nn.ModuleList()
        for level, m in list(enumerate(mult))[::-1]:
            for i in range(blocks + 1):
                layers = [ResBlock(ch + chans.pop(), emb, mc * m)]
                ch = mc * m
                if ds in attn_res:
                    layers.append(tr(ch))
                if level and i == blocks:
                    layers.append(Up(ch))
                    ds //= 2
                self.outputs.append(Stage(layers))
        self.out = nn.Sequential(norm(ch), nn.SiLU(), nn.Conv2d(mc, 4, 3, padding=1))

    def forward(self, x, t, ctx):
        half = self.mc // 2
        freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
        args = t[:, None].float() * freqs[None]
        emb = self.time_embed(torch.cat([torch.cos(args), torch.sin(args)], dim=-1).to(x.dtype))
        hs, h = [], x
        for stage in self.inputs:
            h = stage(h, emb, ctx)
            hs.append(h)
        h = self.middle(h, emb, ctx)
        for stage in self.outputs:
            h = stage(torch.cat([h, hs.pop()], dim=1), emb, ctx)
        return self.out(h)


CASES = {
    "tiny": dict(net=(32, [1, 2], 1, [1, 2], 8, 32), latent=8, runs=20, warmup=100),  # as many warm-ups as the C# side
    "full32": dict(net=(320, [1, 2, 4, 4], 2, [4, 2, 1], 8, 768), latent=32, runs=3),
    "full64": dict(net=(320, [1, 2, 4, 4], 2, [4, 2, 1], 8, 768), latent=64, runs=3),
    # PyTorch eager on the GPU in fp16, each forward ended by a synchronize (as unet-cuda-64-fp16 on our side)
    "cuda64-fp16": dict(net=(320, [1, 2, 4, 4], 2, [4, 2, 1], 8, 768), latent=64, runs=3, device="cuda", dtype=torch.float16),
}


def main(name):
    case = CASES[name]
    device, dtype = case.get("device", "cpu"), case.get("dtype", torch.float32)
    net = random_weights(Unet(*case["net"])).to(device, dtype)
    ctx_dim, n = case["net"][5], case["latent"]
    x, t, ctx = torch.randn(2, 4, n, n), torch.tensor([999, 999]), torch.randn(2, 77, ctx_dim)
    x, t, ctx = x.to(device, dtype), t.to(device), ctx.to(device, dtype)

    def forward():
        net(x, t, ctx)
        if device == "cuda":
            torch.cuda.synchronize()

    time_forward(f"unet-{name}", forward, case["runs"], case.get("warmup", 1))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tiny")
