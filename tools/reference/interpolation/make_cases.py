"""Reference cases for issue 15's curves and blends, written for this repo, in the golden format.

  - group `schedule`: keyframe_interpolation "Cubic" on schedules through the 0.4 expansion's quirks (holds before the
    first key and after the last, expression keys evaluated per frame, keys at or beyond max_frames). The knots are
    the frames the linear fill joins, less the end fills that only hold a value (docs/blending.md); the spline between
    them is scipy.interpolate.CubicSpline(bc_type='natural'), the tutorial's suggestion, evaluated here.
  - group `slerp`: prompt_blend_method "Slerp", i.e. the ORIGINAL helpers/interpolation.py::interpolate(t, c1, c2,
    "slerp") of deforum-stable-diffusion 0.7.1 (never copied here; imported from a checkout), called on the two
    conditionings flattened to one row [1, 77*C]. Also records, per case, what the original gives on the unflattened
    [1, 77, C] tensors it is handed in render_interpolation (F.normalize's dim 1 is then the token axis).

    apt-get install -y python3-scipy python3-torch
    git --git-dir=<mirror of deforum-art/deforum-stable-diffusion> archive 9d2caaae4567ce7e41e5b16db0866dd6b80cdea4 \
        helpers/interpolation.py | tar x -C /tmp/deforum-ref
    /usr/bin/python3 tools/reference/interpolation/make_cases.py --deforum /tmp/deforum-ref --out tests/golden/interpolation

rewrites tests/golden/interpolation byte for byte.
"""
import argparse
import json
import os
import re
import struct
import sys

import numpy as np
import scipy
import torch
from scipy.interpolate import CubicSpline

SEED = 15
REFERENCE_COMMIT = "9d2caaae4567ce7e41e5b16db0866dd6b80cdea4"

# (schedule, max_frames, what it exercises)
CUBIC = [
    ("0:(0), 10:(1), 20:(0), 30:(1)", 40, "a wave through four keys, held after the last"),
    ("5:(1), 12:(3), 30:(-2), 31:(0)", 36, "held before the first key; uneven and adjacent keys"),
    ("0:(1.0), 30:(1.5)", 40, "two keys: the linear fill"),
    ("0: (0.65)", 10, "one key: constant"),
    ("0:(0), 10:(2), 50:(5)", 30, "a key beyond max_frames: the last frame takes its value (the linear fill's compressed ramp)"),
    ("0:(1), 8:(0.5*sin(t/2)), 16:(2), 24:(0)", 30, "an expression key: every frame it sets is a knot"),
    ("40:(1), 60:(2)", 30, "every key beyond max_frames: frame 0 takes the first, the last frame the last"),
    ("0:(0), 9:(4), 50:(1)", 10, "a key at the last frame overwritten by the key beyond max_frames, as in the linear fill"),
    ("9:(4), 50:(1)", 10, "the only key in range on the last frame, overwritten: frame 0 keeps its value, as in the linear fill"),
    ("0:(0), 3:(1), 6:(0), 9:(1), 12:(0), 15:(1), 18:(0)", 20, "many alternating keys"),
    ("0:(1.02), 25:(1.0), 50:(0.98), 75:(1.03), 100:(1.0)", 120, "a zoom over 120 frames"),
]

# (name, how `to` is made from `from`, weights)
SLERP = [
    ("slerp_random", "an independent draw", [0.0, 0.125, 0.25, 0.5, 0.75, 0.9]),
    ("slerp_close", "from + 0.05 * an independent draw (a small angle)", [0.0, 0.3, 0.5, 0.8]),
    ("slerp_parallel", "2 * from (sin omega = 0: the linear fallback)", [0.0, 0.25, 0.5]),
    ("slerp_opposite", "-from (cos omega clamps to -1: the linear fallback)", [0.25, 0.5]),
    ("slerp_clip_like", "both share a large constant per-channel offset, as CLIP's layer-normed states do", [0.2, 0.5, 0.7]),
]
SHAPE = (1, 77, 8)


def parse(schedule):
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"(\d+):\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", schedule)]


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def value(text, t):
    return float(text) if is_number(text) else float(eval(text, {"__builtins__": {}}, {"t": t, "sin": np.sin, "cos": np.cos}))


def cubic_expansion(schedule, max_frames):
    keys = parse(schedule)
    inrange = sorted(k for k in keys if k[0] < max_frames)
    beyond = [k for k in keys if k[0] >= max_frames]
    series = np.full(max_frames + len(beyond), np.nan)
    for i, (frame, text) in enumerate(inrange):
        end = frame + 1 if is_number(text) else inrange[i + 1][0] if i + 1 < len(inrange) else max_frames
        for f in range(frame, end):
            series[f] = value(text, f)
    for k, (frame, text) in enumerate(beyond):
        series[max_frames + k] = value(text, frame)
    stored = np.flatnonzero(~np.isnan(series))
    beyond_keys = stored[-1] >= max_frames
    if stored[0] >= max_frames or (beyond_keys and stored[0] == max_frames - 1):
        series[0] = series[stored[0]]
    if beyond_keys:
        series[max_frames - 1] = series[stored[-1]]
    knots = [x for x in np.flatnonzero(~np.isnan(series)) if x < max_frames]
    out = series[:max_frames].copy()
    if len(knots) > 1:
        spline = CubicSpline(knots, series[knots], bc_type="natural")
        gaps = [x for x in range(knots[0], knots[-1] + 1) if np.isnan(out[x])]
        out[gaps] = spline(gaps)
    out[: knots[0]] = series[knots[0]]
    out[knots[-1] + 1:] = series[knots[-1]]
    return out, knots


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype=np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def tensor_entry(role, array):
    return {"role": role, "dtype": "F32", "shape": list(array.shape)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--deforum", required=True, help="checkout of deforum-stable-diffusion at the reference commit")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    sys.path.insert(0, args.deforum)
    from helpers.interpolation import interpolate  # the original, run unchanged

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    cases = []
    for i, (schedule, max_frames, what) in enumerate(CUBIC):
        values, knots = cubic_expansion(schedule, max_frames)
        cases.append({
            "id": f"cubic_{i:02d}", "group": "schedule",
            "function": "keyframe_interpolation 'Cubic': scipy CubicSpline(knots, bc_type='natural') between the 0.4 expansion's knots",
            "params": {"schedule": schedule, "max_frames": max_frames, "interp_method": "Cubic"},
            "values": [float(v) for v in values], "knots": [int(k) for k in knots],
            "tolerance": {"rtol": 1e-12, "reason": "float64 tridiagonal solve (Thomas) vs scipy's banded solve of the same system"},
            "notes": [what],
        })
    for name, how, weights in SLERP:
        base = torch.randn(SHAPE)
        other = torch.randn(SHAPE)
        a, b = {
            "slerp_random": (base, other),
            "slerp_close": (base, base + 0.05 * other),
            "slerp_parallel": (base, 2 * base),
            "slerp_opposite": (base, -base),
            "slerp_clip_like": (base + 3, other + 3),
        }[name]
        flat = [interpolate(t, a.reshape(1, -1), b.reshape(1, -1), mode="slerp").reshape(SHAPE) for t in weights]
        as_071 = [interpolate(t, a, b, mode="slerp") for t in weights]
        na, nb = torch.nn.functional.normalize(a), torch.nn.functional.normalize(b)
        tensors = {"in_from": a.numpy(), "in_to": b.numpy(), "out_slerp": torch.stack(flat).numpy(),
                   "ref_unflattened": torch.stack(as_071).numpy()}
        write_safetensors(os.path.join(args.out, f"{name}.safetensors"), tensors)
        cases.append({
            "id": name, "group": "slerp",
            "function": "helpers/interpolation.py::interpolate(t, from.reshape(1, -1), to.reshape(1, -1), mode='slerp')",
            "params": {"weights": weights, "to": how,
                       "cos_omega_flattened": float(torch.sum(torch.nn.functional.normalize(a.reshape(1, -1)) *
                                                              torch.nn.functional.normalize(b.reshape(1, -1)))),
                       "cos_omega_unflattened_before_clamp": float(torch.sum(na * nb))},
            "file": f"{name}.safetensors",
            "tensors": {"in_from": tensor_entry("input", a), "in_to": tensor_entry("input", b),
                        "out_slerp": tensor_entry("output", tensors["out_slerp"]),
                        "ref_unflattened": tensor_entry("reference", tensors["ref_unflattened"])},
            "tolerance": {"atol": 1e-6, "reason": "float32 sum, acos and sin: the same libtorch 1.13 kernels, one thread"},
        })
    manifest = {
        "format": "safetensors (8-byte LE header length, JSON header, raw LE data; dtype F32); schedule cases carry values only",
        "set": "issue 15: cubic keyframes and slerp blends",
        "reference": {"repo": "deforum-art/deforum-stable-diffusion", "commit": REFERENCE_COMMIT, "files": ["helpers/interpolation.py"]},
        "environment": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                        "torch": torch.__version__, "torch_threads": 1},
        "conventions": {"roles": "input = fed to the reference; output = compare against; reference = what 0.7.1 itself gives on the unflattened tensors (documentation, not compared)"},
        "generator": {"script": "tools/reference/interpolation/make_cases.py", "seed": SEED},
        "cases": cases,
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
