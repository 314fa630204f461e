"""Stand-ins for the modules the original code imports that Debian 12 does not package.

Each one only satisfies an import or does what the img2img path asks of it (no training, no downloads); the
arithmetic that shapes an image stays in the fetched originals. einops is the exception: its rearrange/repeat do
reshape the UNet's attention tensors, so the stand-in implements the pattern language generally and refuses what
it does not know.
"""
import random
import re
import sys
import types

import numpy as np
import torch


def install():
    """Registers every stand-in under the name the originals import, unless the real package is importable."""
    for name, make in (("einops", _einops), ("pytorch_lightning", _pytorch_lightning), ("taming", _taming),
                       ("torchdiffeq", _torchdiffeq), ("torchsde", _torchsde), ("ftfy", _ftfy)):
        try:
            __import__(name)
        except ImportError:
            make()


def _module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    m.__is_shim__ = True
    sys.modules[name] = m
    return m


def is_shim(name):
    return getattr(sys.modules.get(name), "__is_shim__", False)


# --- einops: rearrange and repeat over named axes, (groups), () and ... --------------------------------------------

def _parse_side(side, literals):
    """'b (h w) c' -> [['b'], ['h', 'w'], ['c']]; '()' -> []; a bare '...' stays '...'; a '1' is a size-1 axis of its own."""
    def atom(token):
        if token.isdigit():
            if token != "1":
                raise ValueError(f"einops shim: only 1 may be a literal axis, not {token}")
            token = f"_one{len(literals)}"
            literals[token] = 1
        return token
    groups = []
    for m in re.finditer(r"\(([^)]*)\)|(\.\.\.)|(\w+)", side):
        groups.append([atom(a) for a in m.group(1).split()] if m.group(1) is not None else m.group(2) or [atom(m.group(3))])
    return groups


def _einops_apply(t, pattern, sizes, allow_new):
    literals = {}
    left, right = (_parse_side(s, literals) for s in pattern.split("->"))
    n_ellipsis = t.dim() - (len(left) - 1) if "..." in left else 0

    def expand(groups):
        out = []
        for g in groups:
            if g == "...":  # at the top level: one axis per covered dimension
                out.extend([f"_e{k}"] for k in range(n_ellipsis))
            elif "..." in g:
                out.append([a for x in g for a in ([f"_e{k}" for k in range(n_ellipsis)] if x == "..." else [x])])
            else:
                out.append(g)
        return out

    left, right = expand(left), expand(right)
    if len(left) != t.dim():
        raise ValueError(f"einops shim: '{pattern}' does not fit a {t.dim()}-d tensor")
    known = dict(sizes, **literals)
    for g, n in zip(left, t.shape):
        unknown = [a for a in g if a not in known]
        prod = int(np.prod([known[a] for a in g if a in known])) if g else 1
        if len(unknown) > 1:
            raise ValueError(f"einops shim: cannot infer {unknown} in '{pattern}'")
        if unknown:
            known[unknown[0]] = n // prod
    atoms_in = [a for g in left for a in g]
    atoms_out = [a for g in right for a in g]
    new = [a for a in atoms_out if a not in atoms_in and a not in literals]
    if new and not allow_new:
        raise ValueError(f"einops shim: rearrange cannot introduce {new}")
    if set(atoms_in) - set(atoms_out) - set(literals):
        raise ValueError(f"einops shim: '{pattern}' drops axes (reductions are not supported)")
    atoms_in = [a for a in atoms_in if a not in literals]  # size 1: reshaped away
    x = t.reshape([known[a] for a in atoms_in])
    kept = [a for a in atoms_out if a in atoms_in]
    x = x.permute([atoms_in.index(a) for a in kept])
    if new:
        # insert size-1 axes for the new ones, then broadcast them to their sizes (einops.repeat)
        shape = [known[a] if a in atoms_in else 1 for a in atoms_out if a not in literals]
        x = x.reshape(shape).expand([known[a] for a in atoms_out if a not in literals])
    return x.reshape([int(np.prod([known[a] for a in g])) if g else 1 for g in right])


def _einops():
    _module("einops",
            rearrange=lambda t, pattern, **sizes: _einops_apply(t, pattern, sizes, allow_new=False),
            repeat=lambda t, pattern, **sizes: _einops_apply(t, pattern, sizes, allow_new=True))


# --- pytorch_lightning: LightningModule as nn.Module, seed_everything, the checkpoint's callback class -------------

def _seed_everything(seed=None, workers=False):
    """pytorch_lightning 1.7 seed_everything for an in-range seed: Python random, NumPy and torch, same value."""
    if not 0 <= seed <= 2**32 - 1:
        raise ValueError(f"seed {seed} is outside the range seed_everything keeps")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return seed


class _LightningModule(torch.nn.Module):
    pass


class _ModelCheckpoint:
    """Unpickled from tiny-sd.ckpt's 'callbacks'; only its state dict is read back."""

    def __setstate__(self, state):
        self.__dict__.update(state)


def _pytorch_lightning():
    pl = _module("pytorch_lightning", LightningModule=_LightningModule, seed_everything=_seed_everything)
    pl.utilities = _module("pytorch_lightning.utilities")
    pl.utilities.distributed = _module("pytorch_lightning.utilities.distributed", rank_zero_only=lambda f: f)
    pl.callbacks = _module("pytorch_lightning.callbacks")
    pl.callbacks.model_checkpoint = _module("pytorch_lightning.callbacks.model_checkpoint", ModelCheckpoint=_ModelCheckpoint)


# --- modules imported but not reached on the img2img path ------------------------------------------------------------

def _unreached(what):
    def fail(*args, **kwargs):
        raise NotImplementedError(f"{what} is a stand-in (tools/reference/img2img/shims.py); the img2img path never calls it")
    return fail


def _taming():
    _module("taming")
    _module("taming.modules")
    _module("taming.modules.vqvae")
    _module("taming.modules.vqvae.quantize", VectorQuantizer2=_unreached("taming VectorQuantizer2"))


def _torchdiffeq():
    _module("torchdiffeq", odeint=_unreached("torchdiffeq.odeint"))


def _torchsde():
    _module("torchsde", BrownianTree=_unreached("torchsde.BrownianTree"))


def _ftfy():
    def fix_text(text, **kwargs):
        # ftfy 6.1.1 leaves printable ASCII without '&' unchanged; anything else needs the real package
        if not all(" " <= ch <= "~" for ch in text) or "&" in text:
            raise ValueError(f"ftfy stand-in only passes printable ASCII without '&': {text!r}")
        return text
    _module("ftfy", fix_text=fix_text)
