"""PyTorch counterpart of the depth-adabins-512 benchmark, written for this repo.

Runs the ORIGINAL AdaBins inference (deforum-stable-diffusion src/infer.py InferenceHelper.predict_pil on
UnetAdaptiveBins with gen-efficientnet's tf_efficientnet_b5_ap, n_bins 256) with anchor_timing.py's seeded random
weights: the fetched sources go on PYTHONPATH (nothing of them is in this repo), the backbone is built locally instead
of through torch.hub.

    PYTHONPATH=$DEFORUM/src:$GEFFNET OMP_WAIT_POLICY=passive /usr/bin/python3 bench/python/adabins_anchor.py
"""
import numpy as np
import torch.nn as nn
from PIL import Image

try:
    import geffnet
    from adabins import UnetAdaptiveBins
    from infer import InferenceHelper, ToTensor
except ImportError as e:
    raise SystemExit(f"{e}: put deforum-stable-diffusion's src/ and gen-efficientnet-pytorch on PYTHONPATH (see the docstring)")

from anchor_timing import random_weights, time_forward


def main():
    backend = geffnet.tf_efficientnet_b5_ap(pretrained=False)
    backend.global_pool = nn.Identity()  # as UnetAdaptiveBins.build
    backend.classifier = nn.Identity()
    helper = InferenceHelper.__new__(InferenceHelper)  # __init__ would fetch the backbone through torch.hub
    helper.toTensor, helper.device, helper.min_depth, helper.max_depth = ToTensor(), "cpu", 1e-3, 10
    helper.model = random_weights(UnetAdaptiveBins(backend, n_bins=256, min_val=1e-3, max_val=10))
    image = Image.fromarray(np.random.default_rng(1).integers(0, 256, (512, 512, 3), dtype=np.uint8))
    time_forward("depth-adabins-512", lambda: helper.predict_pil(image), 3)


if __name__ == "__main__":
    main()
