#!/usr/bin/env python3
"""Randomised image-operation cases in the golden `image` format, made by running the original Deforum code.

Draws parameters and images for every group of ../shared/golden/image (warp2d, warp3d, depth, color, contrast_unsharp,
noise, mask, convert, schedule) from one seed, runs the fetched deforum-stable-diffusion checkout's own functions on
them and writes <out>/manifest.json plus one safetensors file per case (and the PNGs the mask/load_img cases read).
The parity tests run on the folder with DEFORUM_GOLDEN_IMAGE_DIR=<out>. See tools/reference/image/README.md.

Only the depth networks (MiDaS, AdaBins) are stubs that return drawn raw maps; everything else is the original code.
"""
import argparse
import ast
import contextlib
import importlib.util
import json
import math
import os
import struct
import sys
import tempfile
import types
import warnings

import numpy as np

DEFAULT_REFERENCE = "9d2caaae4567ce7e41e5b16db0866dd6b80cdea4"
GROUPS = ["warp2d", "warp3d", "depth", "color", "contrast_unsharp", "noise", "mask", "convert", "schedule"]


# ---------------------------------------------------------------------------------------------------------------------
# Loading the original code without its model stack

def install_shims():
    """Modules the checkout imports that Debian does not package (einops, numpngw) or that load networks (depth)."""
    try:
        import einops  # noqa: F401
    except ImportError:
        sys.modules["einops"] = _einops_shim()
    numpngw = types.ModuleType("numpngw")
    numpngw.written = {}

    def write_png(filename, array):
        numpngw.written[filename] = np.array(array)
    numpngw.write_png = write_png
    sys.modules["numpngw"] = numpngw

    infer = types.ModuleType("infer")
    infer.InferenceHelper = object
    sys.modules["infer"] = infer
    dpt = types.ModuleType("midas.dpt_depth")
    dpt.DPTDepthModel = StubMidas
    sys.modules["midas.dpt_depth"] = dpt


def _einops_shim():
    """The four einops patterns the helpers use, as plain NumPy/torch axis operations."""
    m = types.ModuleType("einops")

    def rearrange(t, pattern):
        perms = {"c h w -> h w c": (1, 2, 0), "h w c -> c h w": (2, 0, 1)}
        if pattern not in perms:
            raise NotImplementedError(f"einops shim: rearrange '{pattern}'")
        return t.permute(*perms[pattern]) if hasattr(t, "permute") else np.transpose(t, perms[pattern])

    def repeat(t, pattern, **axes):
        if pattern == "1 ... -> b ...":
            return t.repeat(axes["b"], *([1] * (t.dim() - 1))) if hasattr(t, "dim") else np.repeat(t, axes["b"], axis=0)
        if pattern == "h w 1 -> h w c":
            return np.repeat(t, axes["c"], axis=2)
        raise NotImplementedError(f"einops shim: repeat '{pattern}'")
    m.rearrange, m.repeat = rearrange, repeat
    return m


class StubMidas:
    """Replaces DPTDepthModel: forward returns the raw map set for this frame and records what it was fed."""
    raw = None
    fed = None

    def __init__(self, *args, **kwargs):
        pass

    def eval(self):
        return self

    def to(self, *args, **kwargs):
        return self

    def half(self):
        return self

    def forward(self, sample):
        import torch
        StubMidas.fed = sample.detach().clone()
        return torch.from_numpy(StubMidas.raw)


class StubAdaBins:
    """Replaces AdaBins' InferenceHelper: predict_pil returns the raw map set for this frame."""

    def __init__(self):
        self.raw = None
        self.fed = None

    def predict_pil(self, pil_image):
        self.fed = np.array(pil_image)
        return None, self.raw


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_function(path, name, namespace):
    """One top-level function of a helpers file whose module imports the whole model stack (render.py, generate.py)."""
    source = open(path, encoding="utf-8").read()
    node = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == name)
    code = compile(ast.Module(body=[node], type_ignores=[]), path, "exec")
    exec(code, namespace)
    return namespace[name]


class Reference:
    def __init__(self, checkout):
        sys.path.insert(0, os.path.join(checkout, "src"))
        install_shims()
        import cv2
        import torch
        helpers = os.path.join(checkout, "helpers")
        self.animation = load_module("deforum_animation", os.path.join(helpers, "animation.py"))
        self.colors = load_module("deforum_colors", os.path.join(helpers, "colors.py"))
        self.load_images = load_module("deforum_load_images", os.path.join(helpers, "load_images.py"))
        self.depth = load_module("deforum_depth", os.path.join(helpers, "depth.py"))
        self.unsharp_mask = load_function(os.path.join(helpers, "render.py"), "unsharp_mask", {"cv2": cv2, "np": np})
        self.add_noise = load_function(os.path.join(helpers, "generate.py"), "add_noise", {"torch": torch})


# ---------------------------------------------------------------------------------------------------------------------
# Output in the golden format

class Case:
    def __init__(self, out_dir, case_id, group, function, params, tolerance):
        self.out_dir, self.id = out_dir, case_id
        self.entry = {"id": case_id, "group": group, "function": function, "params": params,
                      "file": f"{case_id}.safetensors", "tensors": {}, "tolerance": tolerance}
        self.data = {}

    def add(self, name, role, array, source_dtype=None):
        a = np.asarray(array)
        if a.dtype == np.uint8:
            dtype, stored = "U8", a
        else:
            dtype, stored = "F32", a.astype(np.float32)
            if source_dtype is None and a.dtype != np.float32:
                source_dtype = str(a.dtype)
        meta = {"role": role, "dtype": dtype, "shape": list(stored.shape),
                "min": float(stored.min()) if stored.size else 0.0, "max": float(stored.max()) if stored.size else 0.0}
        if source_dtype is not None:
            meta["source_dtype"] = source_dtype
        self.entry["tensors"][name] = meta
        self.data[name] = np.ascontiguousarray(stored)

    def png(self, name, array):
        from PIL import Image
        path = os.path.join(self.out_dir, f"{self.id}_{name}.png")
        Image.fromarray(array).save(path)
        self.entry.setdefault("input_png", []).append(os.path.basename(path))
        return path

    def write(self):
        header, blobs, offset = {}, [], 0
        for name, a in self.data.items():
            raw = a.tobytes()
            header[name] = {"dtype": self.entry["tensors"][name]["dtype"], "shape": list(a.shape),
                            "data_offsets": [offset, offset + len(raw)]}
            blobs.append(raw)
            offset += len(raw)
        text = json.dumps(header, separators=(",", ":")).encode()
        text += b" " * (-len(text) % 8)
        with open(os.path.join(self.out_dir, self.entry["file"]), "wb") as f:
            f.write(struct.pack("<Q", len(text)))
            f.write(text)
            for b in blobs:
                f.write(b)
        return self.entry


def value_case(case_id, group, function, params, **fields):
    """A case that records values (or the exception the original raised) in the manifest instead of a file."""
    entry = {"id": case_id, "group": group, "function": function, "params": params}
    entry.update(fields)
    return entry


# ---------------------------------------------------------------------------------------------------------------------
# Random inputs

def draw_size(rng, lo=16, hi=160):
    """Mostly multiples of 8 (the notebook's sizes are multiples of 64), sometimes any size."""
    if rng.random() < 0.25:
        return int(rng.integers(lo // 2 + 1, hi)), int(rng.integers(lo // 2 + 1, hi))
    return int(rng.integers(lo // 8, hi // 8 + 1)) * 8, int(rng.integers(lo // 8, hi // 8 + 1)) * 8


def draw_image(rng, h, w, channels=3):
    """Smooth gradients, blobs, noise, few-level palettes, greys and clipped extremes: what frames look like and worse."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.zeros((h, w, channels))
    for c in range(channels):
        fx, fy, ph = rng.uniform(0.5, 6, 2), rng.uniform(0.5, 6, 2), rng.uniform(0, 2 * np.pi, 2)
        img[..., c] = 127.5 + 60 * np.sin(2 * np.pi * fx[0] * xx / w + ph[0]) * np.cos(2 * np.pi * fy[0] * yy / h + ph[1]) \
            + 50 * np.sin(2 * np.pi * (fx[1] * xx / w + fy[1] * yy / h))
    for _ in range(int(rng.integers(0, 6))):
        cy, cx, r = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(2, max(3, min(h, w) / 3))
        img[(yy - cy) ** 2 + (xx - cx) ** 2 < r * r] = rng.uniform(0, 255, channels)
    img += rng.normal(0, rng.choice([0, 2, 10, 40]), img.shape)
    style = rng.random()
    if style < 0.15:
        img = np.repeat(img[..., :1], channels, axis=2)            # grey: HSV's s == 0 path
    elif style < 0.3:
        levels = int(rng.integers(2, 9))                            # few histogram levels
        img = np.round(img / 255 * (levels - 1)) * (255 / (levels - 1))
    elif style < 0.45:
        img = 128 + (img - 128) * rng.uniform(0.1, 0.5)             # low contrast
    elif style < 0.55:
        img = (img - 128) * 3 + 128                                 # clipped extremes
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


def draw_blocks(rng, h, w, levels, block=8):
    """Flat blocks of the given levels: where a blur returns the level itself up to its last bit, so ties show."""
    grid = rng.choice(np.asarray(levels, dtype=np.uint8), ((h + block - 1) // block, (w + block - 1) // block, 3))
    return np.ascontiguousarray(np.repeat(np.repeat(grid, block, 0), block, 1)[:h, :w])


def draw_float_image(rng, h, w):
    return (draw_image(rng, h, w).astype(np.float32) + rng.uniform(0, 1, (h, w, 3)).astype(np.float32)).astype(np.float32)


def draw_smooth_map(rng, h, w, lo, hi):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    m = np.sin(2 * np.pi * rng.uniform(0.3, 3) * xx / w + rng.uniform(0, 6)) \
        + np.cos(2 * np.pi * rng.uniform(0.3, 3) * yy / h + rng.uniform(0, 6)) + rng.normal(0, 0.05, (h, w))
    m = (m - m.min()) / max(1e-9, m.max() - m.min())
    return (lo + (hi - lo) * m).astype(np.float32)


def pinned(p, fixed):
    """A regression preset's fixed parameters replace the drawn ones (the drawing still runs, so the images stay seeded)."""
    p.update({k: v for k, v in (fixed or {}).items() if k in p})
    return p


def some(rng, p, value, otherwise):
    return value if rng.random() < p else otherwise()


def ns(**kw):
    return types.SimpleNamespace(**kw)


def keys_for(**series):
    """DeformAnimKeys stand-in: every *_series holds the drawn value at frame 0."""
    return ns(**{f"{k}_series": [v] for k, v in series.items()})


# ---------------------------------------------------------------------------------------------------------------------
# Groups

WARP2D_TOL = {"max_abs": 0, "reason": "uint8 in/out: exact with OpenCV warpPerspective (1/32-px quantised bilinear, 15-bit weights)"}
WARP2D_FLOAT_TOL = {"atol": 0.001, "reason": "float32 image: OpenCV's tabulated float bilinear weights"}
WARP3D_TOL = {"max_abs": 0, "reason": "exact: the port's grid is bit-identical to torch's on the CPU and it samples with the same "
              "libtorch grid_sample, so even nearest sampling and the uint8 truncation agree (the golden set allows 1)"}
WARP3D_FLOAT_TOL = {"atol": 0, "reason": "float32 output, exact for the same reason"}


def warp2d(ref, rng, case):
    W, H = draw_size(rng)
    p = {"angle": some(rng, 0.3, 0.0, lambda: round(float(rng.uniform(-30, 30)), 3)),
         "zoom": some(rng, 0.3, 1.0, lambda: round(float(rng.uniform(0.8, 1.25)), 4)),
         "translation_x": some(rng, 0.3, 0.0, lambda: round(float(rng.uniform(-12, 12)) * 4) / 4),
         "translation_y": some(rng, 0.3, 0.0, lambda: round(float(rng.uniform(-12, 12)) * 4) / 4),
         "border": str(rng.choice(["replicate", "wrap"]))}
    flip = rng.random() < 0.3
    if flip:
        p.update({"flip_2d_perspective": True, "perspective_flip_theta": round(float(rng.uniform(-15, 15)), 2),
                  "perspective_flip_phi": round(float(rng.uniform(-15, 15)), 2),
                  "perspective_flip_gamma": round(float(rng.uniform(-15, 15)), 2),
                  "perspective_flip_fv": round(float(rng.uniform(30, 90)), 1)})
    is_float = rng.random() < 0.2
    if is_float:
        p["float_input"] = True
    p.update({"W": W, "H": H, "center": [W // 2, H // 2]})
    c = case("helpers/animation.py::anim_frame_warp -> anim_frame_warp_2d", p, WARP2D_FLOAT_TOL if is_float else WARP2D_TOL)
    img = draw_float_image(rng, H, W) if is_float else draw_image(rng, H, W)
    keys = keys_for(angle=p["angle"], zoom=p["zoom"], translation_x=p["translation_x"], translation_y=p["translation_y"],
                    perspective_flip_theta=p.get("perspective_flip_theta", 0), perspective_flip_phi=p.get("perspective_flip_phi", 0),
                    perspective_flip_gamma=p.get("perspective_flip_gamma", 0), perspective_flip_fv=p.get("perspective_flip_fv", 53))
    out = ref.animation.anim_frame_warp_2d(img, ns(W=W, H=H), ns(flip_2d_perspective=flip, border=p["border"]), keys, 0)
    c.add("in_image", "input", img)
    c.add("out_image", "output", out)
    return c


def warp3d(ref, rng, case, fixed=None):
    import torch
    W, H = (fixed or {}).get("size") or draw_size(rng)
    p = {"translation_x": some(rng, 0.3, 0.0, lambda: round(float(rng.uniform(-15, 15)), 2)),
         "translation_y": some(rng, 0.3, 0.0, lambda: round(float(rng.uniform(-15, 15)), 2)),
         "translation_z": some(rng, 0.3, 0.0, lambda: round(float(rng.uniform(-15, 15)), 2)),
         "rotation_3d_x": some(rng, 0.4, 0.0, lambda: round(float(rng.uniform(-8, 8)), 2)),
         "rotation_3d_y": some(rng, 0.4, 0.0, lambda: round(float(rng.uniform(-8, 8)), 2)),
         "rotation_3d_z": some(rng, 0.4, 0.0, lambda: round(float(rng.uniform(-8, 8)), 2)),
         "near_plane": int(rng.choice([200, 100, 50, 500])), "far_plane": int(rng.choice([10000, 5000, 2000])),
         "fov": some(rng, 0.4, 40, lambda: round(float(rng.uniform(20, 120)), 1)),
         "padding_mode": str(rng.choice(["border", "reflection", "zeros"])),
         "sampling_mode": str(rng.choice(["bicubic", "bilinear", "nearest"])),
         "use_depth_warping": bool(rng.random() < 0.8)}
    pinned(p, fixed)
    is_float = rng.random() < 0.15 and not fixed
    if is_float:
        p["float_input"] = True
    p.update({"W": W, "H": H})
    c = case("helpers/animation.py::anim_frame_warp -> anim_frame_warp_3d -> transform_image_3d", p,
             WARP3D_FLOAT_TOL if is_float else WARP3D_TOL)
    img = draw_float_image(rng, H, W) if is_float else draw_image(rng, H, W)
    depth = draw_smooth_map(rng, H, W, float(rng.uniform(0.3, 2)), float(rng.uniform(2.5, 8)))
    keys = keys_for(**{k: p[k] for k in ["translation_x", "translation_y", "translation_z", "rotation_3d_x", "rotation_3d_y", "rotation_3d_z"]})
    anim_args = ns(near_plane=p["near_plane"], far_plane=p["far_plane"], fov=p["fov"], padding_mode=p["padding_mode"],
                   sampling_mode=p["sampling_mode"])
    captured = {}
    real = torch.nn.functional.grid_sample

    def grid_sample(inp, grid, **kw):
        out = real(inp, grid, **kw)
        captured["grid"], captured["out"] = grid[0].numpy().copy(), out[0].numpy().copy()
        return out
    torch.nn.functional.grid_sample = grid_sample
    try:
        out = ref.animation.anim_frame_warp_3d("cpu", img, torch.from_numpy(depth) if p["use_depth_warping"] else None, anim_args, keys, 0)
    finally:
        torch.nn.functional.grid_sample = real
    c.add("in_image", "input", img)
    c.add("in_depth", "input", depth)
    c.add("out_image", "output", out)
    c.add("grid", "intermediate", captured["grid"])
    if not fixed:  # presets stay small
        c.add("grid_sample_out", "intermediate", captured["out"])
    return c


def depth(ref, rng, case, fixed=None):
    import torch
    W, H = (fixed or {}).get("size") or draw_size(rng, 16, 128)
    frames = int(rng.integers(1, 4))
    bits = [int(b) for b in rng.permutation([8, 16, 32])[: int(rng.integers(0, 4))]]
    weight = some(rng, 0.3, 1.0, lambda: round(float(rng.uniform(0, 1)), 3))
    p = pinned({"W": W, "H": H, "midas_weight": weight, "frames": frames, "save_bits": bits}, fixed)
    weight, frames, bits = p["midas_weight"], p["frames"], p["save_bits"]
    c = case("helpers/depth.py::DepthModel.predict / DepthModel.save (stub networks)", p,
             {"atol": 0, "reason": "float32 resizes and affine arithmetic repeated step by step (the golden set allows 1e-4); "
              "the test compares midas_in with atol 1e-5 (cv2 INTER_CUBIC in float)"})
    model = ref.depth.DepthModel(torch.device("cpu"))
    with tempfile.TemporaryDirectory() as models:
        open(os.path.join(models, "dpt_large-midas-2f21e586.pt"), "wb").close()
        model.load_midas(models, half_precision=False)
    adabins = StubAdaBins()
    model.adabins_helper = adabins
    anim_args = ns(midas_weight=weight)
    saves = []
    import cv2
    for f in range(frames):
        img = draw_image(rng, H, W)
        # A preset's stubs answer at a small size of its own: the resizes back to W×H take any size, and the real
        # networks' sizes (~384² and ≥ 448²) would make the committed files megabytes.
        midas_h, midas_w = (fixed or {}).get("stub_size") or _midas_size(model, img)
        StubMidas.raw = draw_smooth_map(rng, midas_h, midas_w, 6, 34)[None]
        ada_h, ada_w = (fixed or {}).get("stub_size") or _adabins_size(W, H)[::-1]
        adabins.raw = draw_smooth_map(rng, ada_h, ada_w, 0.8, 8.3)[None, None]
        adabins.fed = None
        d = model.predict(img, anim_args)
        c.add(f"in_image_{f}", "input", img)
        if not fixed:  # presets stay small: the network inputs are the large tensors
            c.add(f"midas_in_{f}", "intermediate", StubMidas.fed[0].numpy())
        c.add(f"midas_raw_{f}", "stub_output", StubMidas.raw)
        if adabins.fed is not None:
            if not fixed:
                c.add(f"adabins_in_{f}", "intermediate", adabins.fed)
            c.add(f"adabins_raw_{f}", "stub_output", adabins.raw)
        c.add(f"out_depth_{f}", "output", d.numpy())
        for b in bits:
            before = (float(model.depth_min), float(model.depth_max))
            saved = _save(ref, model, d, b, cv2)
            c.add(f"out_save{b}_{f}", "output", saved, source_dtype="uint16" if b == 16 else None)
            saves.append({"frame": f, "bit_depth_output": b, "depth_min_before": before[0], "depth_max_before": before[1],
                          "depth_min_after": float(model.depth_min), "depth_max_after": float(model.depth_max)})
    c.entry["saves"] = saves
    return c


def _midas_size(model, img):
    return model.midas_transform({"image": img.astype(np.float32) / 255.0})["image"].shape[1:]


def _adabins_size(w, h):
    """The PIL size DepthModel.predict hands AdaBins (its area rule), so the stub can answer at that size."""
    area = w * h
    if area > 500000:
        s = math.sqrt(500000) / math.sqrt(area)
    elif area < 448 * 448:
        s = math.sqrt(448 * 448) / math.sqrt(area)
    else:
        return w, h
    return int(w * s), int(h * s)


def _save(ref, model, d, bits, cv2):
    from PIL import Image
    numpngw = sys.modules["numpngw"]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "depth.png")
        written = {}
        real = cv2.imwrite
        cv2.imwrite = lambda name, a: written.setdefault("exr", np.array(a))
        try:
            model.save(path, d, bits)
        finally:
            cv2.imwrite = real
        if bits == 16:
            return numpngw.written.pop(path).astype(np.float32)
        if bits == 32:
            return written["exr"]
        return np.array(Image.open(path))


COLOR_TOL = {"max_abs": 0, "reason": "uint8 in/out; exact with OpenCV uint8 cvtColor and skimage's CDF matching"}


def color(ref, rng, case, mode, fixed=None):
    import cv2
    W, H = (fixed or {}).get("size") or draw_size(rng)
    sw, sh = (W, H) if rng.random() < 0.8 or fixed else draw_size(rng)
    c = case("helpers/colors.py::maintain_colors", {"mode": mode, "W": W, "H": H}, COLOR_TOL)
    prev, sample = draw_image(rng, H, W), draw_image(rng, sh, sw)
    out = ref.colors.maintain_colors(prev, sample, mode)
    c.add("in_prev_img", "input", prev)
    c.add("in_color_match_sample", "input", sample)
    c.add("out_image", "output", out)
    if mode != "Match Frame 0 RGB":
        fwd, inv = (cv2.COLOR_RGB2HSV, cv2.COLOR_HSV2RGB) if mode.endswith("HSV") else (cv2.COLOR_RGB2LAB, cv2.COLOR_LAB2RGB)
        from skimage.exposure import match_histograms
        matched = match_histograms(cv2.cvtColor(prev, fwd), cv2.cvtColor(sample, fwd), multichannel=True)
        c.add("converted_prev", "intermediate", cv2.cvtColor(prev, fwd))
        c.add("converted_sample", "intermediate", cv2.cvtColor(sample, fwd))
        c.add("matched_converted", "intermediate", matched)
        assert np.array_equal(cv2.cvtColor(matched, inv), out)
    return c


def contrast_unsharp(ref, rng, case, fixed=None):
    W, H = (fixed or {}).get("size") or draw_size(rng)
    p = {"contrast": some(rng, 0.3, 1.0, lambda: round(float(rng.uniform(0.8, 1.2)), 3)),
         "kernel": int(rng.choice([1, 3, 5, 5, 7, 9])),
         "sigma": some(rng, 0.15, 0.0, lambda: round(float(rng.uniform(0.3, 3)), 3)),
         "amount": some(rng, 0.15, 0.0, lambda: round(float(rng.uniform(0.05, 1.5)), 3)),
         "threshold": 0.0}
    pinned(p, fixed)
    c = case("render_animation: contrast_sample = prev_img * contrast; helpers/render.py::unsharp_mask", p,
             {"max_abs": 0, "reason": "float64 GaussianBlur then (amount+1)*img - amount*blur, clip, np.round, uint8"})
    prev = draw_blocks(rng, H, W, fixed["levels"]) if fixed and "levels" in fixed else draw_image(rng, H, W)
    contrasted = prev * p["contrast"]
    out = ref.unsharp_mask(contrasted, (p["kernel"], p["kernel"]), p["sigma"], p["amount"], p["threshold"])
    c.add("in_prev_img", "input", prev)
    c.add("contrast_sample", "intermediate", contrasted, source_dtype="float64")
    c.add("out_image", "output", out)
    return c


def noise(ref, rng, case):
    import torch
    W, H = draw_size(rng)
    p = {"seed": int(rng.integers(0, 2 ** 32)), "noise": some(rng, 0.1, 0.0, lambda: round(float(rng.uniform(0, 0.2)), 4))}
    c = case("helpers/generate.py::add_noise(sample_from_cv2(contrast_sample), noise)", p,
             {"atol": 0, "reason": "torch.manual_seed(seed) then randn: bit-identical in libtorch; float16 + float32 -> float32"})
    img = draw_image(rng, H, W)
    sample = ref.animation.sample_from_cv2(img)
    torch.manual_seed(p["seed"])
    state = torch.get_rng_state()
    noised = ref.add_noise(sample, p["noise"])
    torch.set_rng_state(state)
    randn = torch.randn(sample.shape)
    c.add("in_image", "input", img)
    c.add("sample_f16", "intermediate", sample.numpy(), source_dtype="float16")
    c.add("noise_randn", "intermediate", randn.numpy())
    c.add("out_noised", "output", noised.numpy())
    c.add("out_init_sample_f16", "output", noised.half().numpy(), source_dtype="float16")
    return c


MASK_TOL = {"atol": 0, "reason": "values are k/255 float32 and the overlay's float64 gaussian_filter is repeated exactly (the golden set allows 1e-6)"}


def _adjustments(rng):
    return (some(rng, 0.4, 1.0, lambda: round(float(rng.uniform(0.5, 1.6)), 3)),
            some(rng, 0.4, 1.0, lambda: round(float(rng.uniform(0.5, 1.6)), 3)), bool(rng.random() < 0.3))


def _mask_source(rng, H, W, rgba):
    img = draw_image(rng, H, W, 4 if rgba else 3)
    if rgba and rng.random() < 0.3:
        img[..., 3] = np.where(img[..., 3] > 128, 255, 0)           # fully transparent pixels too
    return img


def mask(ref, rng, case, kind, fixed=None):
    W, H = (fixed or {}).get("size") or draw_size(rng)
    rgba = kind == "alpha_as_mask" or rng.random() < 0.3
    img = _mask_source(rng, H, W, rgba)
    b, k, inv = _adjustments(rng)
    if kind == "prepare_mask":
        mw, mh = some(rng, 0.5, None, lambda: draw_size(rng)) or (max(1, W // 8), max(1, H // 8))
        p = {"kind": kind, "mask_shape": [1, 4, mh, mw], "mask_brightness_adjust": b, "mask_contrast_adjust": k, "invert_mask": inv, "rgba": rgba}
        c = case("helpers/load_images.py::prepare_mask(path, mask_shape, mask_brightness_adjust, mask_contrast_adjust, invert_mask)", p, MASK_TOL)
        out = ref.load_images.prepare_mask(c.png("mask", img), p["mask_shape"], b, k, inv)
    elif kind == "overlay":
        mw, mh = some(rng, 0.5, (W, H), lambda: draw_size(rng))
        blur = some(rng, 0.2, 0, lambda: round(float(rng.uniform(0.5, 8)), 2))
        p = {"kind": kind, "mask_shape": [1, 3, mh, mw], "args.mask_contrast_adjust": k, "args.mask_brightness_adjust": b,
             "args.invert_mask": inv, "args.mask_overlay_blur": blur, "rgba": rgba}
        c = case("helpers/load_images.py::prepare_overlay_mask(args, root, mask_shape)", p, MASK_TOL)
        args = ns(mask_file=c.png("mask", img), mask_contrast_adjust=k, mask_brightness_adjust=b, invert_mask=inv,
                  mask_overlay_blur=blur, n_samples=1)
        out = ref.load_images.prepare_overlay_mask(args, ns(device="cpu"), p["mask_shape"])
    else:
        sw, sh = (fixed or {}).get("shape") or some(rng, 0.25, (W, H), lambda: draw_size(rng))
        p = {"kind": kind, "rgba": True, "shape": [sw, sh], "mask_shape": [1, 4, max(1, sh // 8), max(1, sw // 8)],
             "mask_brightness_adjust": b, "mask_contrast_adjust": k, "invert_mask": inv}
        c = case("helpers/load_images.py::load_img(path, shape, use_alpha_as_mask=True) -> prepare_mask(alpha PIL)", p, MASK_TOL)
        init, alpha = ref.load_images.load_img(c.png("mask", img), (sw, sh), use_alpha_as_mask=True)
        c.add("out_init_image_f16", "output", init.numpy(), source_dtype="float16")
        c.add("out_alpha_mask", "output", np.array(alpha))
        out = ref.load_images.prepare_mask(alpha, p["mask_shape"], b, k, inv)
    c.add("in_mask_image", "input", img)
    c.add("out_mask", "output", np.asarray(out))
    return c


def convert(ref, rng, case, kind):
    import torch
    W, H = draw_size(rng)
    if kind == "sample_from_cv2":
        c = case("helpers/animation.py::sample_from_cv2", {"W": W, "H": H},
                 {"atol": 0, "reason": "((x/255)*2-1) in float64 -> float16 -> [1,3,H,W]"})
        img = draw_image(rng, H, W)
        c.add("in_image", "input", img)
        c.add("out_sample_f16", "output", ref.animation.sample_from_cv2(img).numpy(), source_dtype="float16")
    elif kind == "sample_to_cv2":
        c = case("helpers/animation.py::sample_to_cv2 (type uint8 and float32)", {"shape": [1, 3, H, W]},
                 {"atol": 0, "reason": "float32 (x*0.5+0.5).clip(0,1)*255; uint8 = truncation"})
        s = torch.from_numpy(rng.uniform(-1.3, 1.3, (1, 3, H, W)).astype(np.float32))
        c.add("in_sample", "input", s.numpy())
        c.add("out_uint8", "output", ref.animation.sample_to_cv2(s))
        c.add("out_float32", "output", ref.animation.sample_to_cv2(s, np.float32))
    elif kind == "round_trip":
        c = case("sample_to_cv2(sample_from_cv2(img)) round trip", {"W": W, "H": H},
                 {"max_abs": 0, "reason": "float16 rounding then truncation"})
        img = draw_image(rng, H, W)
        c.add("in_image", "input", img)
        c.add("out_image", "output", ref.animation.sample_to_cv2(ref.animation.sample_from_cv2(img)))
    elif kind == "load_img":
        shape = some(rng, 0.3, None, lambda: list(draw_size(rng)))
        c = case("helpers/load_images.py::load_img(path, shape)", {"shape_WH": shape},
                 {"atol": 0, "reason": "PIL convert('RGB'), LANCZOS resize, np.float16/255, 2x-1 in float16"})
        img = draw_image(rng, H, W)
        init, _ = ref.load_images.load_img(c.png("image", img), tuple(shape) if shape else None)
        c.add("in_image", "input", img)
        c.add("out_image_f16", "output", init.numpy(), source_dtype="float16")
    else:
        c = case("helpers/generate.py inline x_samples -> PIL (8 bpc)", {"W": W, "H": H},
                 {"max_abs": 0, "reason": "clamp((x+1)/2, 0, 1) float32, *255 (numpy float32), astype(uint8) truncation"})
        x = rng.uniform(-1.1, 1.1, (1, 3, H, W)).astype(np.float32)
        # generate()'s decode-to-PIL step needs the model, so its formula is restated here (one clamp, one scale, one cast).
        unit = torch.clamp((torch.from_numpy(x) + 1.0) / 2.0, min=0.0, max=1.0)
        image = (255. * unit[0].numpy().transpose(1, 2, 0)).astype(np.uint8)
        c.add("in_x_samples", "input", x)
        c.add("out_image", "output", image)
    return c


def schedule(ref, rng, case_id):
    max_frames = int(rng.integers(1, 40))
    # Keys stay below max_frames: past it the port keeps 0.4's rule on purpose (docs/compat.md, schedules #2), which
    # this v0.7 reference does not share.
    frames = sorted(set([0] + [int(f) for f in rng.integers(0, max_frames, int(rng.integers(0, 5)))]))
    if rng.random() < 0.1 and max_frames > 1:
        frames = [f for f in frames if f != 0] or [int(rng.integers(1, max_frames))]
    exprs = ["10*sin(2*3.14*t/{n})", "t%{n}", "0.5+0.01*t", "cos(t/{n})*2", "abs(sin(t/{n}))", "sqrt(t+{n})", "t**2/{n}"]

    def value():
        if rng.random() < 0.25:
            return str(rng.choice(exprs)).format(n=int(rng.integers(2, 30)))
        return str(round(float(rng.uniform(-5, 5)), int(rng.integers(0, 4))))
    text = ", ".join(f"{f}: ({value()})" for f in frames)
    p = {"schedule": text, "max_frames": max_frames, "interp_method": "Linear"}
    function = "helpers/animation.py::get_inbetweens(parse_key_frames(s), max_frames) (DeformAnimKeys)"
    try:
        values = ref.animation.get_inbetweens(ref.animation.parse_key_frames(text), max_frames)
    except Exception as e:  # the original's crashes are cases too
        return value_case(case_id, "schedule", function, p, raises=f"{type(e).__name__}: {e}")
    return value_case(case_id, "schedule", function, p, values=[float(v) for v in values],
                      tolerance={"rtol": 1e-12, "reason": "float64 pandas linear interpolation of numexpr-evaluated keys"})


# ---------------------------------------------------------------------------------------------------------------------

# The committed regression cases (tests/golden/image-regressions): issue 12's failure kinds with their
# parameters pinned, small sizes, and the draw (image seed) that made the port fail before its fix.
REGRESSIONS = [
    # name, group, variant, pinned parameters, draw
    ("alpha_mask_resized", "mask", "alpha_as_mask", {"size": (24, 16), "shape": (40, 24)}, 0),
    ("hsv_vector_and_tail", "color", "Match Frame 0 HSV", {"size": (80, 40)}, 3),
    ("unsharp_issue_params", "contrast_unsharp", None,
     {"size": (48, 32), "contrast": 1.05, "kernel": 5, "sigma": 1.5, "amount": 0.3, "threshold": 0.0,
      "levels": range(10, 256, 20)}, 3),
    ("unsharp_default_sigma", "contrast_unsharp", None,
     {"size": (32, 24), "contrast": 1.0, "kernel": 7, "sigma": 0.0, "amount": 0.5, "threshold": 0.0}, 0),
    ("warp3d_nearest_nonsquare", "warp3d", None,
     {"size": (120, 72), "translation_x": 0.0, "translation_y": 4.0, "translation_z": 0.0, "rotation_3d_x": 0.0,
      "rotation_3d_y": 6.0, "rotation_3d_z": 0.0, "near_plane": 200, "far_plane": 10000, "fov": 40,
      "padding_mode": "border", "sampling_mode": "nearest", "use_depth_warping": True}, 10),
    ("depth_two_frames_16_8", "depth", None,
     {"size": (21, 13), "midas_weight": 0.6, "frames": 2, "save_bits": [16, 8], "stub_size": (24, 40)}, 0),
]


def variants(group):
    """Every mode/kind of a group, cycled over its cases."""
    return {"color": ["Match Frame 0 RGB", "Match Frame 0 HSV", "Match Frame 0 LAB"],
            "mask": ["prepare_mask", "overlay", "alpha_as_mask"],
            "convert": ["sample_from_cv2", "sample_to_cv2", "round_trip", "load_img", "x_samples"]}.get(group, [None])


def environment():
    import cv2
    import PIL
    import scipy
    import skimage
    import torch
    return {"python": sys.version.split()[0], "numpy": np.__version__, "torch": torch.__version__, "opencv": cv2.__version__,
            "scikit-image": skimage.__version__, "Pillow": PIL.__version__, "scipy": scipy.__version__,
            "einops": "shim (tools/reference/image)" if not hasattr(sys.modules["einops"], "__version__") else sys.modules["einops"].__version__}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--deforum", required=True, help="checkout of deforum-art/deforum-stable-diffusion (helpers/, src/)")
    ap.add_argument("--out", required=True, help="folder to write manifest.json and the case files into (outside git)")
    ap.add_argument("--seed", type=int, default=1, help="draws every parameter and image; the same seed gives the same cases")
    ap.add_argument("--per-group", type=int, default=30, help="cases per group")
    ap.add_argument("--groups", default=",".join(GROUPS), help=f"comma-separated subset of {','.join(GROUPS)}")
    ap.add_argument("--preset", choices=["regressions"], help="write the committed regression cases instead of a sweep")
    ap.add_argument("--candidates", type=int, default=0,
                    help="with --preset: write this many draws of each regression case (to pick one that fails a port)")
    ap.add_argument("--verbose", action="store_true", help="show what the original code prints")
    ap.add_argument("--reference", default=DEFAULT_REFERENCE, help="the checkout's commit, recorded in the manifest")
    a = ap.parse_args()

    import torch
    torch.set_num_threads(1)
    warnings.filterwarnings("ignore", category=FutureWarning)  # skimage 0.19 on the original's multichannel=True
    ref = Reference(os.path.abspath(a.deforum))
    os.makedirs(a.out, exist_ok=True)
    cases = []
    for name, group, variant, fixed, chosen in REGRESSIONS if a.preset else []:
        for draw in range(a.candidates) if a.candidates else [chosen]:
            case_id = f"regress_{name}" + (f"_{draw}" if a.candidates else "")
            rng = np.random.default_rng([a.seed, 1000 + draw])

            def case(function, params, tolerance):
                return Case(a.out, case_id, group, function, params, tolerance)
            fn = globals()[group]
            with contextlib.redirect_stdout(sys.stderr if a.verbose else open(os.devnull, "w")):
                c = fn(ref, rng, case, fixed=fixed) if variant is None else fn(ref, rng, case, variant, fixed=fixed)
            cases.append(c.write())
    for group in (g for g in a.groups.split(",") if g and not a.preset):
        if group not in GROUPS:
            sys.exit(f"unknown group '{group}'; valid: {', '.join(GROUPS)}")
        rng = np.random.default_rng([a.seed, GROUPS.index(group)])
        for i in range(a.per_group):
            case_id = f"{group}_s{a.seed}_{i:03d}"
            variant = variants(group)[i % len(variants(group))]
            if group == "schedule":
                cases.append(schedule(ref, rng, case_id))
                continue

            def case(function, params, tolerance):
                return Case(a.out, case_id, group, function, params, tolerance)
            fn = globals()[group]
            with contextlib.redirect_stdout(sys.stderr if a.verbose else open(os.devnull, "w")):  # the original prints
                c = fn(ref, rng, case) if variant is None else fn(ref, rng, case, variant)
            cases.append(c.write())
        print(f"{group}: {a.per_group} cases", file=sys.stderr)
    manifest = {
        "format": "safetensors (8-byte LE header length, JSON header, raw LE data; dtypes U8/F32) + PNG",
        "set": f"issue 12 regression cases, seed {a.seed}" if a.preset else f"randomised sweep, seed {a.seed}",
        "reference": {"repo": "deforum-art/deforum-stable-diffusion", "commit": a.reference},
        "environment": environment(),
        "conventions": {"images": "HWC, RGB channel order, uint8", "samples": "NCHW float in [-1,1]",
                        "roles": "input = fed to the reference; output = compare against; intermediate = captured inside the "
                                 "reference call; stub_output = what a stubbed network returned (replay it)"},
        "generator": {"script": "tools/reference/image/make_image_cases.py", "seed": a.seed,
                      **({"preset": a.preset} if a.preset else {"per_group": a.per_group, "groups": a.groups})},
        "cases": cases,
    }
    with open(os.path.join(a.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
    print(f"{len(cases)} cases in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
