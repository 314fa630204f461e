"""PyTorch counterpart of the text-encoder benchmark, written for this repo.

The CLIP ViT-L/14 text transformer SD 1.x conditions on (width 768, 12 layers, 12 heads, quick-GELU MLP 3072,
causal mask, 77 positions), laid out as transformers' CLIPTextModel, with the timing of anchor_timing.py.

    OMP_WAIT_POLICY=passive /usr/bin/python3 bench/python/clip_anchor.py   # text-encoder
"""
import torch
import torch.nn as nn

from anchor_timing import random_weights, time_forward

VOCAB, POSITIONS, WIDTH, LAYERS, HEADS = 49408, 77, 768, 12, 12


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(WIDTH), nn.LayerNorm(WIDTH)
        self.q, self.k, self.v, self.out = (nn.Linear(WIDTH, WIDTH) for _ in range(4))
        self.fc1, self.fc2 = nn.Linear(WIDTH, 4 * WIDTH), nn.Linear(4 * WIDTH, WIDTH)

    def heads(self, t):
        b, n, _ = t.shape
        return t.reshape(b, n, HEADS, -1).transpose(1, 2)          # [B, H, N, D]

    def forward(self, x, mask):
        b, n, _ = x.shape
        h = self.ln1(x)
        q, k, v = self.heads(self.q(h)), self.heads(self.k(h)), self.heads(self.v(h))
        scores = (q @ k.transpose(-1, -2)) * (WIDTH // HEADS) ** -0.5 + mask
        attn = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, WIDTH)
        x = x + self.out(attn)
        h = self.fc1(self.ln2(x))
        return x + self.fc2(h * torch.sigmoid(1.702 * h))


class TextEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.tokens, self.positions = nn.Embedding(VOCAB, WIDTH), nn.Embedding(POSITIONS, WIDTH)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.final = nn.LayerNorm(WIDTH)

    def forward(self, ids):
        x = self.tokens(ids) + self.positions.weight[None, : ids.shape[1]]
        mask = torch.full((ids.shape[1],) * 2, float("-inf")).triu(1)
        for layer in self.layers:
            x = layer(x, mask)
        return self.final(x)


if __name__ == "__main__":
    net, ids = random_weights(TextEncoder()), torch.randint(0, VOCAB, (1, POSITIONS))
    time_forward("text-encoder", lambda: net(ids), runs=5)
