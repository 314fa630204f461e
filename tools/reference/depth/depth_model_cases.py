"""helpers/depth.py::DepthModel.predict with both networks (the tiny MiDaS of midas_cases and the tiny AdaBins that
adabins_cases publishes), through each of AdaBins' resize branches: a small frame (Pillow bicubic up to about 448²
pixels), one of exactly 448² (no resize) and one above 500000 pixels (Lanczos down), with midas_weight 0.3; the
small frame also with 1.0, where AdaBins is loaded but not run.

Besides the frame and the depth, each case keeps what InferenceHelper.predict_pil returned (at AdaBins' input size,
params.adabins_input_hw), so the MiDaS half, the resizes and the blend can be checked apart from the AdaBins network.
The image AdaBins was given is not stored (it is at least 448² pixels): ../shared/golden/image's depth group checks it
for the bicubic and no-resize branches, and the full-network check covers it for all three.
"""
import types

import numpy as np
import torch
import torchvision.transforms.functional as TF

import midas_cases

GROUP = "depth_model"
# (H, W, midas weights): AdaBins area 6144 < 448² (bicubic up), 448² exactly (kept), 501000 > 500000 (Lanczos down)
FRAMES = [(64, 96, [0.3, 1.0]), (448, 448, [0.3]), (500, 1002, [0.3])]
BRANCHES = {True: "bicubic up", None: "none", False: "lanczos down"}


def branch(h, w):
    area = h * w
    return BRANCHES[False] if area > 500000 else BRANCHES[True] if area < 448 * 448 else BRANCHES[None]


def recording(helper):
    """Wraps helper.predict_pil to keep its input image and its depth."""
    seen = {}
    predict_pil = helper.predict_pil

    def wrapped(pil_image, visualized=False):
        seen["adabins_in"] = np.asarray(pil_image).copy()
        bins, pred = predict_pil(pil_image, visualized)
        seen["adabins_pred"] = pred.copy()
        return bins, pred

    helper.predict_pil = wrapped
    return seen, lambda: delattr(helper, "predict_pil")


def adabins_predict64(model, image_u8, min_depth, max_depth):
    """InferenceHelper.predict's arithmetic in float64 on a float64 copy of the network, to size the tolerance only."""
    import copy
    from infer import ToTensor
    twin = copy.deepcopy(model).double().eval()
    x = ToTensor()(np.asarray(image_u8) / 255.).unsqueeze(0)  # float64, as predict_pil before its .float()
    with torch.no_grad():
        pred = twin(x)[-1].numpy()
        pred_lr = twin(torch.flip(x, [-1]))[-1].numpy()[..., ::-1]
    final = 0.5 * (np.clip(pred, min_depth, max_depth) + np.clip(pred_lr, min_depth, max_depth))
    final = torch.nn.functional.interpolate(torch.from_numpy(final.copy()), x.shape[-2:], mode="bilinear", align_corners=True).numpy()
    return np.clip(final, min_depth, max_depth)


def tolerance(err, peak, what):
    return {"max_abs": float(f"{max(8 * err, 2e-6 * peak):.2g}"),
            "reason": f"{what}: the reference's own fp32-vs-fp64 max error is {err:.3g} at output max {peak:.4g}; "
                      "tolerance = max(8x that, 2e-6*max)"}


def build(ctx):
    midas_id, midas = ctx.shared["midas"]
    adabins_id, helper = ctx.shared["adabins"]
    dm = midas_cases.depth_module(ctx).DepthModel(torch.device("cpu"))
    dm.midas_model, dm.midas_transform, dm.adabins_helper = midas, ctx.shared["midas_transform"], helper
    m64 = midas_cases.build_model().double()
    m64.load_state_dict({k: v.double() for k, v in midas.state_dict().items()})

    for i, (h, w, weights) in enumerate(FRAMES):
        img = midas_cases.frame(h, w, "uint8", 300 + i)
        tensors = {"in_frame": ("input", img)}
        errors, peaks, params_weights, adabins_hw = [], [], [], None
        for k, weight in enumerate(weights):
            seen, restore = recording(helper)
            try:
                out, mid = midas_cases.predict_with_intermediates(dm, img, weight)
            finally:
                restore()
            assert (weight < 1) == ("adabins_pred" in seen), "AdaBins ran (or not) against midas_weight: the original fell back?"
            with torch.no_grad():
                raw64 = m64(mid["midas_in"].double())
            up = torch.nn.functional.interpolate(raw64.unsqueeze(1), size=(h, w), mode="bicubic", align_corners=False).squeeze()
            out64 = (50.0 - up) / 19.0
            if weight < 1:
                pred64 = adabins_predict64(helper.model, seen["adabins_in"], helper.min_depth, helper.max_depth)
                resized = seen["adabins_in"].shape[:2] != (h, w)
                ada64 = (TF.resize(torch.from_numpy(pred64), [h, w], interpolation=TF.InterpolationMode.BICUBIC) if resized
                         else torch.from_numpy(pred64)).squeeze()
                out64 = out64 * weight + ada64 * (1 - weight)
                pred_err = float(np.abs(seen["adabins_pred"].astype(np.float64) - pred64).max())
                adabins_hw = list(seen["adabins_in"].shape[:2])
                tensors["inter_adabins_pred"] = ("intermediate", seen["adabins_pred"],
                                                 {"max_abs": tolerance(pred_err, float(np.abs(seen["adabins_pred"]).max()), "")["max_abs"]})
            errors.append(float((out.double() - out64).abs().max()))
            peaks.append(float(out.abs().max()))
            tensors[f"out_depth_{k}"] = ("output", out)
            params_weights.append(weight)
        ctx.add_case(f"depth_model_{i:02d}", GROUP, "helpers/depth.py::DepthModel.predict (MiDaS + AdaBins)", {
            "H": h, "W": w, "area": h * w, "adabins_branch": branch(h, w), "adabins_input_hw": adabins_hw,
            "midas_weights": params_weights, "outputs": [f"out_depth_{k}" for k in range(len(weights))],
            "midas_model": midas_id, "adabins_model": adabins_id,
            "frame": "smooth_image(H, W, seed) * 255 as uint8 (midas_cases.py)", "seed": 300 + i,
        }, tensors, tolerance(max(errors), max(peaks), "MiDaS and AdaBins in fp32, torch/torchvision bicubic, blend"),
            model=midas_id,
            notes=["out_depth_k: DepthModel.predict(in_frame, midas_weight = midas_weights[k]) with both networks loaded",
                   "adabins_input_hw: the size of the image predict_pil got (RGB->BGR swapped, resized as adabins_branch says)",
                   "inter_adabins_pred: what predict_pil returned, [1, 1, h, w] metres, before the resize back to H x W",
                   "at midas_weight 1.0 the original skips AdaBins (use_adabins false), so its branch does not apply"])
