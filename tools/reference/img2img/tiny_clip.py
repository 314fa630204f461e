"""Tiny stand-in for ldm.modules.encoders.modules.FrozenCLIPEmbedder (CompVis/stable-diffusion), which needs
Hugging Face transformers (not installable here). Same module tree and parameter names as transformers'
CLIPTextModel, so the checkpoint's cond_stage_model.transformer.* weights load unchanged; the forward restates
CLIPTextModel's (transformers 4.19-4.25, the versions SD 1.x ran with) as the golden manifest's
implementation_notes.text_encoder describe it. Tokens come from openai/CLIP's simple_tokenizer (the golden
tokenizer cases record that it agrees with HF CLIPTokenizer), truncated and padded like FrozenCLIPEmbedder's call.
"""
import importlib.util

import torch
from torch import nn

START, END = 49406, 49407


def load_simple_tokenizer(clip_dir, bpe_path):
    """openai/CLIP clip/simple_tokenizer.py, loaded by file so clip/__init__ (torchvision, downloads) is skipped."""
    spec = importlib.util.spec_from_file_location("clip_simple_tokenizer", f"{clip_dir}/clip/simple_tokenizer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SimpleTokenizer(bpe_path)


class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads, self.head_dim = heads, width // heads
        self.scale = self.head_dim ** -0.5
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = (nn.Linear(width, width) for _ in range(4))

    def forward(self, x, causal_mask):
        b, n, width = x.shape

        def heads(t):  # [B, N, C] -> [B*heads, N, head_dim]
            return t.view(b, n, self.heads, self.head_dim).transpose(1, 2).reshape(b * self.heads, n, self.head_dim)

        q = heads(self.q_proj(x) * self.scale)  # CLIPAttention scales q before the product
        k, v = heads(self.k_proj(x)), heads(self.v_proj(x))
        weights = torch.bmm(q, k.transpose(1, 2)).view(b, self.heads, n, n) + causal_mask  # [B, heads, N, N]
        probs = weights.view(b * self.heads, n, n).softmax(dim=-1)
        out = torch.bmm(probs, v).view(b, self.heads, n, self.head_dim).transpose(1, 2).reshape(b, n, width)
        return self.out_proj(out)


class Mlp(nn.Module):
    def __init__(self, width, hidden):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(width, hidden), nn.Linear(hidden, width)

    def forward(self, x):
        h = self.fc1(x)
        return self.fc2(h * torch.sigmoid(1.702 * h))  # quick_gelu


class EncoderLayer(nn.Module):
    def __init__(self, width, hidden, heads, eps):
        super().__init__()
        self.self_attn = Attention(width, heads)
        self.layer_norm1 = nn.LayerNorm(width, eps=eps)
        self.mlp = Mlp(width, hidden)
        self.layer_norm2 = nn.LayerNorm(width, eps=eps)

    def forward(self, x, causal_mask):
        x = x + self.self_attn(self.layer_norm1(x), causal_mask)
        return x + self.mlp(self.layer_norm2(x))


class Embeddings(nn.Module):
    def __init__(self, vocab, width, positions):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, width)
        self.position_embedding = nn.Embedding(positions, width)
        self.register_buffer("position_ids", torch.arange(positions).expand((1, -1)))

    def forward(self, ids):
        return self.token_embedding(ids) + self.position_embedding(self.position_ids[:, :ids.shape[1]])


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.layers = nn.ModuleList(
            EncoderLayer(cfg["hidden_size"], cfg["intermediate_size"], cfg["num_attention_heads"], cfg["layer_norm_eps"])
            for _ in range(cfg["num_hidden_layers"]))


class TextTransformer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embeddings = Embeddings(cfg["vocab_size"], cfg["hidden_size"], cfg["max_position_embeddings"])
        self.encoder = Encoder(cfg)
        self.final_layer_norm = nn.LayerNorm(cfg["hidden_size"], eps=cfg["layer_norm_eps"])

    def forward(self, ids):  # ids [B, 77] -> last_hidden_state [B, 77, C]
        x = self.embeddings(ids)
        n = ids.shape[1]
        # padding is not masked, only the future (HF _build_causal_attention_mask: -inf above the diagonal)
        causal_mask = torch.full((n, n), float("-inf"), dtype=x.dtype).triu_(1)
        for layer in self.encoder.layers:
            x = layer(x, causal_mask)
        return self.final_layer_norm(x)


class CLIPTextModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.text_model = TextTransformer(cfg)

    def forward(self, input_ids):
        return self.text_model(input_ids)


class TinyFrozenCLIPEmbedder(nn.Module):
    """FrozenCLIPEmbedder's interface: encode(list of texts) -> [B, 77, C]; the tokenizer is set by the generator."""

    tokenizer = None

    def __init__(self, max_length=77, text_config=None):
        super().__init__()
        self.max_length = max_length
        self.transformer = CLIPTextModel(dict(text_config))

    def token_ids(self, texts):
        """CLIPTokenizer(truncation=True, max_length=77, padding='max_length'): 75 BPE ids between start and end."""
        rows = []
        for text in texts:
            ids = [START] + self.tokenizer.encode(text)[:self.max_length - 2] + [END]
            rows.append(ids + [END] * (self.max_length - len(ids)))
        return torch.tensor(rows, dtype=torch.int64)

    def forward(self, texts):
        return self.transformer(self.token_ids(texts).to(self.transformer.text_model.embeddings.position_ids.device))

    def encode(self, texts):
        return self(texts)
