"""PyTorch counterpart of the depth-anything-512 benchmark: the original Depth-Anything-V2 code, run unchanged.

The model code is not in this repository: check out DepthAnything/Depth-Anything-V2 (the golden set used commit
a561b849ebae10a6f5ef49e26c83cbbcd36c71bf) and point DEPTH_ANYTHING_V2_DIR at it. Small's released sizes
(encoder vits, features 64, out_channels [48, 96, 192, 384]) with the seeded weights of anchor_timing.py, then
infer_image on a 512x512 uint8 frame (network input 518x518), as the C# benchmark does.

    git clone https://github.com/DepthAnything/Depth-Anything-V2 /tmp/Depth-Anything-V2
    DEPTH_ANYTHING_V2_DIR=/tmp/Depth-Anything-V2 OMP_WAIT_POLICY=passive /usr/bin/python3 bench/python/depth_anything_anchor.py
"""
import os
import sys

import numpy as np
import torch

from anchor_timing import random_weights, time_forward

SIDE = 512


def main():
    root = os.environ.get("DEPTH_ANYTHING_V2_DIR", "/tmp/Depth-Anything-V2")
    if not os.path.isdir(os.path.join(root, "depth_anything_v2")):
        sys.exit(f"DEPTH_ANYTHING_V2_DIR={root} has no depth_anything_v2/: check out DepthAnything/Depth-Anything-V2 there")
    sys.path.insert(0, root)
    from depth_anything_v2.dpt import DepthAnythingV2

    net = random_weights(DepthAnythingV2(encoder="vits", features=64, out_channels=[48, 96, 192, 384]))
    image = np.random.default_rng(1).integers(0, 256, (SIDE, SIDE, 3), dtype=np.uint8)
    time_forward("depth-anything-512", lambda: net.infer_image(image), runs=3)


if __name__ == "__main__":
    main()
