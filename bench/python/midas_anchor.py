"""PyTorch counterpart of the depth-midas-512 benchmark, written for this repo.

The original code, fetched (never copied here): deforum-stable-diffusion's helpers/depth.py DepthModel.predict with
its src/midas DPTDepthModel(backbone="vitl16_384", non_negative=True) over timm v0.6.13, full size with seeded random
weights (anchor_timing.py), midas_weight 1 (MiDaS alone), on the same 512×512 frame as the C# benchmark.

    DEFORUM=/path/to/deforum-stable-diffusion TIMM=/path/to/pytorch-image-models \
    OMP_WAIT_POLICY=passive /usr/bin/python3 bench/python/midas_anchor.py
"""
import importlib.util
import os
import sys
import types

import numpy as np
import torch

from anchor_timing import random_weights, time_forward

SIDE = 512


def frame():
    """The C# benchmark's frame: a gradient with a disc, uint8 H×W×3."""
    y, x = np.mgrid[0:SIDE, 0:SIDE]
    disc = (x - 300) ** 2 + (y - 200) ** 2 < 120 ** 2
    img = np.stack([np.where(disc, 220 - 60 * c, (x + y * c) // 4) for c in range(3)], axis=-1)
    return img.astype(np.uint8)


def depth_model():
    deforum, timm = os.environ["DEFORUM"], os.environ["TIMM"]
    sys.path[:0] = [timm, os.path.join(deforum, "src")]
    for name, attrs in (("einops", ("rearrange", "repeat")), ("numpngw", ("write_png",))):  # DepthModel.save only
        sys.modules.setdefault(name, types.SimpleNamespace(**{a: None for a in attrs}))
    spec = importlib.util.spec_from_file_location("deforum_depth", os.path.join(deforum, "helpers", "depth.py"))
    depth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(depth)
    dm = depth.DepthModel(torch.device("cpu"))
    models = "/tmp/midas-anchor-models"
    os.makedirs(models, exist_ok=True)
    net = depth.DPTDepthModel(path=None, backbone="vitl16_384", non_negative=True)
    torch.save(random_weights(net).state_dict(), os.path.join(models, "dpt_large-midas-2f21e586.pt"))
    dm.load_midas(models)  # builds midas_transform and loads the file as Deforum does
    return dm


if __name__ == "__main__":
    dm, img = depth_model(), frame()
    args = types.SimpleNamespace(midas_weight=1.0)
    time_forward("depth-midas-512", lambda: dm.predict(img, args), runs=3)
