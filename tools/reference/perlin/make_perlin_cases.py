#!/usr/bin/env python3
"""Perlin reference cases in the golden `image` format, made by running the original code.

Two groups, each from the fetched original's own functions (loaded from its source files, never copied here):

  - `perlin_noise`: the Automatic1111 Deforum extension's frame noise with noise_type 'perlin'
    (scripts/deforum_helpers/noise.py::add_noise, with rand_perlin_2d / rand_perlin_2d_octaves and
    animation.py::sample_to_cv2) on a drawn frame; the white noise and the Perlin field are captured from the same
    seeded generator. Parameter sets the original crashes on are recorded as `raises` value cases.
  - `perlin_init`: Disco Diffusion's Perlin init (disco.py::regen_perlin with perlin_ms / create_perlin_noise, the
    torchvision resize, to_pil_image, ImageOps.autocontrast and to_tensor it calls) for each perlin_mode, after
    torch.manual_seed(seed) on the CPU; the two autocontrasted pictures are captured as intermediates.

    /usr/bin/python3 tools/reference/perlin/make_perlin_cases.py --extension /tmp/sd-webui-deforum \
        --disco /tmp/disco-diffusion --out tests/golden/perlin

rewrites tests/golden/perlin byte for byte (see tools/reference/perlin/README.md).
"""
import argparse
import ast
import contextlib
import json
import math
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "image"))
from make_image_cases import Case, draw_image, value_case, _einops_shim  # noqa: E402

SEED = 15

# (W, H, noise, perlin_w, perlin_h, perlin_octaves, perlin_persistence): the extension's defaults at the smallest
# size, then axes that differ (perlin_w counts cells along the height), truncated fractions, a size the extension
# rounds down to 64 and resizes back, no octaves, and the blend's ends.
NOISE_CASES = [
    (64, 64, 0.02, 8, 8, 4, 0.5),
    (128, 64, 0.3, 2, 4, 3, 0.7),
    (192, 64, 0.1, 4.9, 3, 3, 0.35),
    (80, 72, 0.5, 1, 2, 2, 1.0),
    (64, 128, 0.25, 2, 2, 0, 0.5),
    (64, 64, 0.0, 4, 4, 2, 0.5),
    (128, 64, 1.0, 16, 8, 1, 0.5),
]

# What the original crashes on, and the setting a teaching error must name instead.
NOISE_RAISES = [
    (64, 64, 0.1, 3, 8, 1, 0.5, "perlin_w"),     # 64 rows in 3 cells
    (64, 64, 0.1, 8, 0.5, 1, 0.5, "perlin_h"),   # int(0.5) = 0 cells
    (64, 64, 0.1, 8, 8, 5, 0.5, "perlin_octaves"),  # 8·2⁴ = 128 cells in 64 rows
    (64, 48, 0.1, 8, 8, 1, 0.5, "H"),            # 48 rounds down to 0 rows
]

# (W, H, perlin_mode): each mode, axes that differ, and a size 4096 does not divide.
INIT_CASES = [
    (128, 64, "color"),
    (64, 128, "gray"),
    (192, 64, "mixed"),
]

EXTENSION_FILES = ["scripts/deforum_helpers/noise.py", "scripts/deforum_helpers/animation.py"]
DISCO_FILES = ["disco.py"]


def functions(path, names, namespace):
    """Top-level functions of a source file whose module imports what Debian lacks (A1111, CLIP, ...)."""
    source = open(path, encoding="utf-8").read()
    body = [n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name in names]
    missing = set(names) - {n.name for n in body}
    if missing:
        sys.exit(f"{path}: no function {', '.join(sorted(missing))}")
    exec(compile(ast.Module(body=body, type_ignores=[]), path, "exec"), namespace)
    return namespace


def extension(checkout):
    import cv2
    import torch
    from PIL import ImageOps
    from torch.nn.functional import interpolate
    helpers = os.path.join(checkout, "scripts", "deforum_helpers")
    ns = {"torch": torch, "interpolate": interpolate, "np": np, "math": math, "cv2": cv2, "ImageOps": ImageOps,
          "rearrange": _einops_shim().rearrange, "deforum_noise_gen": torch.Generator(device="cpu")}
    functions(os.path.join(helpers, "animation.py"), ["sample_to_cv2"], ns)
    return functions(os.path.join(helpers, "noise.py"),
                     ["rand_perlin_2d", "rand_perlin_2d_octaves", "condition_noise_mask", "add_noise"], ns)


def disco(checkout, side_x, side_y, mode):
    import torch
    import torchvision.transforms.functional as TF
    from PIL import ImageOps
    ns = {"torch": torch, "TF": TF, "ImageOps": ImageOps, "device": torch.device("cpu"), "side_x": side_x,
          "side_y": side_y, "perlin_mode": mode, "batch_size": 1}
    return functions(os.path.join(checkout, "disco.py"),
                     ["interp", "perlin", "perlin_ms", "create_perlin_noise", "regen_perlin"], ns)


def noise_params(rng, case):
    W, H, amt, pw, ph, octaves, persistence = case[:7]
    return {"W": W, "H": H, "seed": int(rng.integers(0, 2 ** 32)), "noise": amt, "perlin_w": pw, "perlin_h": ph,
            "perlin_octaves": octaves, "perlin_persistence": persistence}


def perlin_noise(ext, rng, case_id, out, params):
    import cv2
    import torch
    p = params
    image = draw_image(rng, p["H"], p["W"])
    args = (p["perlin_w"], p["perlin_h"], p["perlin_octaves"], p["perlin_persistence"])
    bgr = cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
    noised = cv2.cvtColor(ext["add_noise"](bgr, p["noise"], p["seed"], "perlin", args), cv2.COLOR_BGR2RGB)
    # the same draws again, stopped before the blend
    h64, w64 = p["H"] - p["H"] % 64, p["W"] - p["W"] % 64
    gen = ext["deforum_noise_gen"]
    gen.manual_seed(p["seed"])
    white = torch.randn((3, h64, w64), generator=gen)
    field = ext["rand_perlin_2d_octaves"]((h64, w64), (int(args[0]), int(args[1])), octaves=args[2], persistence=args[3])
    c = Case(out, case_id, "perlin_noise",
             "scripts/deforum_helpers/noise.py::add_noise(contrast_image, noise, seed, 'perlin', (perlin_w, perlin_h, perlin_octaves, perlin_persistence))",
             p, {"max_abs": 0, "reason": "the same libtorch draws and float32 ops; cv2.addWeighted's 8-bit blend reproduced to the bit"})
    c.add("in_image", "input", image)
    c.add("white_randn", "intermediate", white.numpy())
    c.add("perlin", "intermediate", field.numpy())
    c.add("out_noised", "output", noised)
    c.entry["tensors"]["white_randn"]["max_abs"] = 0
    c.entry["tensors"]["perlin"]["max_abs"] = 0
    return c.write()


def perlin_noise_raises(ext, rng, case_id, params, blame):
    import cv2
    image = draw_image(rng, params["H"], params["W"])
    args = (params["perlin_w"], params["perlin_h"], params["perlin_octaves"], params["perlin_persistence"])
    try:
        ext["add_noise"](cv2.cvtColor(image, cv2.COLOR_RGB2BGR), params["noise"], params["seed"], "perlin", args)
    except Exception as e:  # noqa: BLE001 - the crash is what the case records
        return value_case(case_id, "perlin_noise", "scripts/deforum_helpers/noise.py::add_noise", params,
                          raises={"type": type(e).__name__, "message": str(e).splitlines()[0][:200]}, blame=blame)
    sys.exit(f"{case_id}: the original did not raise for {params}")


def perlin_init(checkout, rng, case_id, out, W, H, mode):
    import torch
    import torchvision.transforms.functional as TF
    p = {"W": W, "H": H, "seed": int(rng.integers(0, 2 ** 32)), "perlin_mode": mode}
    ns = disco(checkout, W, H, mode)
    torch.manual_seed(p["seed"])
    init = ns["regen_perlin"]()
    # the same draws again: the two pictures regen_perlin averages (octaves and greyness as it picks them per mode)
    torch.manual_seed(p["seed"])
    big = ns["create_perlin_noise"]([1.5 ** -i * 0.5 for i in range(12)], 1, 1, mode == "gray")
    small = ns["create_perlin_noise"]([1.5 ** -i * 0.5 for i in range(8)], 4, 4, mode != "color")
    again = TF.to_tensor(big).add(TF.to_tensor(small)).div(2).unsqueeze(0).mul(2).sub(1)
    assert torch.equal(again, init), "the captured pictures do not make regen_perlin's init"
    c = Case(out, case_id, "perlin_init", "disco.py::regen_perlin() after torch.manual_seed(seed), CPU", p,
             {"max_abs": 0, "reason": "the same libtorch draws, float32 ops and bilinear resize; Pillow's autocontrast LUT reproduced"})
    c.add("init_image", "intermediate", np.array(big))
    c.add("init2_image", "intermediate", np.array(small))
    c.add("out_init", "output", init.numpy())
    c.entry["tensors"]["init_image"]["max_abs"] = 0
    c.entry["tensors"]["init2_image"]["max_abs"] = 0
    return c.write()


def commit(checkout):
    return subprocess.run(["git", "-C", checkout, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()


def environment():
    import cv2
    import PIL
    import torch
    import torchvision
    return {"python": sys.version.split()[0], "numpy": np.__version__, "torch": torch.__version__,
            "torchvision": torchvision.__version__, "opencv": cv2.__version__, "Pillow": PIL.__version__,
            "einops": "shim (tools/reference/image)"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--extension", required=True, help="checkout of deforum-art/sd-webui-deforum")
    ap.add_argument("--disco", required=True, help="checkout of alembics/disco-diffusion")
    ap.add_argument("--out", required=True, help="folder to write manifest.json and the case files into")
    a = ap.parse_args()

    import torch
    torch.set_num_threads(1)
    os.makedirs(a.out, exist_ok=True)
    ext = extension(os.path.abspath(a.extension))
    rng = np.random.default_rng(SEED)
    cases = []
    with contextlib.redirect_stdout(sys.stderr):
        for i, case in enumerate(NOISE_CASES):
            cases.append(perlin_noise(ext, rng, f"perlin_noise_{i:02d}", a.out, noise_params(rng, case)))
        for i, case in enumerate(NOISE_RAISES):
            cases.append(perlin_noise_raises(ext, rng, f"perlin_noise_raises_{i:02d}", noise_params(rng, case), case[7]))
        for i, (W, H, mode) in enumerate(INIT_CASES):
            cases.append(perlin_init(os.path.abspath(a.disco), rng, f"perlin_init_{i:02d}_{mode}", a.out, W, H, mode))
            print(f"perlin_init {i}: {W}x{H} {mode}", file=sys.stderr)
    manifest = {
        "format": "safetensors (8-byte LE header length, JSON header, raw LE data; dtypes U8/F32)",
        "set": f"issue 15 Perlin noise and Perlin init, seed {SEED}",
        "reference": {
            "perlin_noise": {"repo": "deforum-art/sd-webui-deforum", "commit": commit(a.extension), "files": EXTENSION_FILES},
            "perlin_init": {"repo": "alembics/disco-diffusion", "commit": commit(a.disco), "files": DISCO_FILES},
        },
        "environment": environment(),
        "conventions": {"images": "HWC, RGB channel order, uint8 (the extension's BGR frame converted at the call)",
                        "samples": "NCHW float in [-1,1]",
                        "roles": "input = fed to the reference; output = compare against; intermediate = captured from the "
                                 "same seeded draws (compared where it has max_abs)",
                        "raises": "the original crashed with these parameters; blame = the setting a teaching error names"},
        "generator": {"script": "tools/reference/perlin/make_perlin_cases.py", "seed": SEED},
        "cases": cases,
    }
    with open(os.path.join(a.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
    print(f"{len(cases)} cases in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
