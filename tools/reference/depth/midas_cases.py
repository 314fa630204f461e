"""MiDaS DPT-Large (backbone "vitl16_384", readout "project", non_negative) on a tiny random-weight model.

The tiny model is the original DPTDepthModel built by the original code, with only the sizes shrunk: the timm
VisionTransformer that timm.create_model("vit_large_patch16_384") returns, narrower and shallower (its hooks at the
same quarter points, (k+1)*depth/4 - 1, as [5, 11, 17, 23] are for 24 blocks), and smaller reassemble/fusion widths.
Its state-dict keys are the real checkpoint's. Groups:
  midas_forward  DPTDepthModel.forward on normalised inputs at several sizes (square, non-square, larger than the
                 position-embedding grid), with the position embedding, hook activations, reassembled layers and
                 fusion paths as intermediates.
  midas_predict  helpers/depth.py::DepthModel.predict with midas_weight 1.0 and no AdaBins (MiDaS only): the
                 midas_transform the original load_midas builds, the network, bicubic back to the frame, (50 - d)/19.
"""
import contextlib
import functools
import os
import shutil
import tempfile
import types

import numpy as np
import torch

MODEL_ID = "midas_tiny"
SEED = 2101
VIT = dict(img_size=64, patch_size=16, embed_dim=128, depth=5, num_heads=2, mlp_ratio=0.5, num_classes=8)
READOUT_FEATURES = [8, 16, 24, 32]   # ViT-L/16: [256, 512, 1024, 1024]
FEATURES = 16                        # DPT-Large: 256
HOOKS = [(k + 1) * VIT["depth"] // 4 - 1 for k in range(4)]
CHECKPOINT_NAME = "dpt_large-midas-2f21e586.pt"

# (H, W) of the network input: square at the embedding grid's size, non-square smaller, larger than the grid.
FORWARD_SIZES = [(64, 64), (64, 96), (128, 96)]
# Frames for DepthModel.predict: (H, W, dtype). float32 is the cadence buffer the in-betweens predict from.
PREDICT_FRAMES = [(64, 96, "uint8"), (60, 100, "uint8"), (80, 80, "uint8"), (72, 56, "float32")]


@contextlib.contextmanager
def tiny_vitl16_384():
    """While active, DPT's "vitl16_384" backbone and scratch are the tiny ones (the original code builds everything)."""
    import midas.blocks as blocks
    import midas.vit as vit
    from timm.models.vision_transformer import VisionTransformer

    def backbone(use_pretrained, hooks=None, use_readout="ignore"):
        return vit._make_vit_b16_backbone(VisionTransformer(**VIT), features=READOUT_FEATURES, hooks=HOOKS,
                                          vit_features=VIT["embed_dim"], use_readout=use_readout)

    saved = blocks._make_pretrained_vitl16_384, blocks._make_scratch
    make_scratch = saved[1]
    blocks._make_pretrained_vitl16_384 = backbone
    blocks._make_scratch = lambda in_shape, out_shape, groups=1, expand=False: make_scratch(READOUT_FEATURES, out_shape, groups, expand)
    try:
        yield
    finally:
        blocks._make_pretrained_vitl16_384, blocks._make_scratch = saved


def randomize(model, seed):
    """Weights with unit-scale activations through the depth (timm's init leaves pos_embed at 0.02, biases at 0)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            n = torch.randn(p.shape, generator=g)
            if name.endswith("cls_token") or name.endswith("pos_embed"):
                p.copy_(n * 0.5)
            elif p.dim() > 1:
                transposed = isinstance(dict(model.named_modules())[name.rsplit(".", 1)[0]], torch.nn.ConvTranspose2d)
                fan_in = p.shape[0] if transposed else int(np.prod(p.shape[1:]))
                p.copy_(n / np.sqrt(fan_in))
            elif name.endswith("bias"):
                p.copy_(n * 0.05)
            else:
                p.copy_(1 + 0.1 * n)
        # the last conv before the non-negative ReLU: a positive offset keeps most of the map above zero
        model.scratch.output_conv[4].bias.fill_(1.0)


def build_model():
    from midas.dpt_depth import DPTDepthModel
    with tiny_vitl16_384():
        model = DPTDepthModel(path=None, backbone="vitl16_384", non_negative=True, features=FEATURES)
    randomize(model, SEED)
    return model.eval()


def capture(model):
    """Runs model(x) and returns (output, intermediates by name)."""
    found = {}
    vit = model.pretrained.model
    resize = vit._resize_pos_embed

    def resize_and_keep(posemb, gs_h, gs_w):
        found["inter_pos_embed"] = resize(posemb, gs_h, gs_w)
        return found["inter_pos_embed"]

    hooks = []
    for i in range(1, 5):
        hooks.append(getattr(model.scratch, f"layer{i}_rn").register_forward_hook(
            lambda m, inp, out, i=i: found.__setitem__(f"inter_layer{i}", inp[0])))
        hooks.append(getattr(model.scratch, f"refinenet{i}").register_forward_hook(
            lambda m, inp, out, i=i: found.__setitem__(f"inter_path{i}", out)))
    vit._resize_pos_embed = resize_and_keep

    def run(x):
        with torch.no_grad():
            out = model(x)
        for i in range(1, 5):
            found[f"inter_tokens{i}"] = model.pretrained.activations[str(i)]
        return out, dict(found)

    def close():
        vit._resize_pos_embed = resize
        for h in hooks:
            h.remove()

    return run, close


def reference_error(model, x, out):
    """Max |fp32 - fp64| of the reference itself, the scale the tolerances are set from, and the fp64 output."""
    m64 = build_model().double()
    m64.load_state_dict({k: v.double() for k, v in model.state_dict().items()})
    with torch.no_grad():
        out64 = m64(x.double())
    return float((out.double() - out64).abs().max()), out64


def tolerance_from(err, peak, what):
    tol = float(f"{max(8 * err, 2e-6 * peak):.2g}")
    return {"max_abs": tol, "reason": f"{what}: the reference's own fp32-vs-fp64 max error is {err:.3g} at output max "
                                      f"{peak:.4g}; tolerance = max(8x that, 2e-6*max)"}


def smooth_image(h, w, seed, channels=3):
    """A frame with large smooth shapes and some texture, in [0, 1] (float64 for the caller to cast)."""
    g = torch.Generator().manual_seed(seed)
    coarse = torch.rand(1, channels, max(2, h // 8), max(2, w // 8), generator=g, dtype=torch.float64)
    base = torch.nn.functional.interpolate(coarse, size=(h, w), mode="bilinear", align_corners=False)
    noise = torch.rand(1, channels, h, w, generator=g, dtype=torch.float64)
    return (0.8 * base + 0.2 * noise)[0].permute(1, 2, 0).numpy()  # [H, W, C]


def forward_cases(ctx, model):
    m64 = build_model().double()
    m64.load_state_dict({k: v.double() for k, v in model.state_dict().items()})
    run, close = capture(model)
    run64, close64 = capture(m64)
    try:
        for i, (h, w) in enumerate(FORWARD_SIZES):
            g = torch.Generator().manual_seed(100 + i)
            x = torch.rand(1, 3, h, w, generator=g) * 2 - 1
            out, inter = run(x)
            out64, inter64 = run64(x.double())
            tensors = {"in_x": ("input", x), "out_depth": ("output", out)}
            for name in sorted(inter):
                tensors[name] = ("intermediate", inter[name], {"max_abs": tolerance_from(
                    float((inter[name].double() - inter64[name]).abs().max()), float(inter[name].abs().max()), "")["max_abs"]})
            grid = (h // 16, w // 16)
            err = float((out.double() - out64).abs().max())
            ctx.add_case(f"midas_forward_{i:02d}", "midas_forward", "src/midas/dpt_depth.py::DPTDepthModel.forward", {
                "B": 1, "H": h, "W": w, "grid": list(grid), "pos_embed_grid": [VIT["img_size"] // 16] * 2,
                "pos_embed_resized": list(grid) != [VIT["img_size"] // 16] * 2, "hooks": HOOKS,
                "input": "torch.rand(1, 3, H, W, generator=manual_seed(seed)) * 2 - 1", "seed": 100 + i,
            }, tensors, tolerance_from(err, float(out.abs().max()), "fp32 forward (intermediates carry their own max_abs, same rule)"),
                model=MODEL_ID,
                notes=["inter_tokens{i}: block output at hook i (before the final norm), [B, 1 + h*w, D]",
                       "inter_layer{i}: act_postprocess{i} output (reassembled), the input of scratch.layer{i}_rn",
                       "inter_path{i}: scratch.refinenet{i} output", "inter_pos_embed: _resize_pos_embed's result"])
    finally:
        close()
        close64()


def depth_module(ctx):
    """helpers/depth.py, imported from its file (helpers/ is not a package on the path)."""
    if "deforum_depth" not in ctx.shared:
        import importlib.util
        spec = importlib.util.spec_from_file_location("deforum_depth", os.path.join(ctx.args.deforum, "helpers", "depth.py"))
        ctx.shared["deforum_depth"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(ctx.shared["deforum_depth"])
    return ctx.shared["deforum_depth"]


def load_depth_model(ctx):
    """The original DepthModel.load_midas on the tiny checkpoint, saved under the real file name in a models_path."""
    depth = depth_module(ctx)
    dm = depth.DepthModel(torch.device("cpu"))
    models_path = tempfile.mkdtemp()
    try:
        shutil.copy(os.path.join(ctx.out_dir, MODEL_ID + ".pth"), os.path.join(models_path, CHECKPOINT_NAME))
        # load_midas builds DPTDepthModel(path, backbone, non_negative) with the default 256 fusion features
        full_size = depth.DPTDepthModel
        depth.DPTDepthModel = functools.partial(full_size, features=FEATURES)
        try:
            with tiny_vitl16_384():
                dm.load_midas(models_path, half_precision=True)
        finally:
            depth.DPTDepthModel = full_size
    finally:
        shutil.rmtree(models_path)
    return dm


def frame(h, w, dtype, seed):
    img = smooth_image(h, w, seed) * 255
    return img.astype(np.uint8) if dtype == "uint8" else img.astype(np.float32)


def predict_with_intermediates(dm, img, midas_weight):
    """DepthModel.predict, keeping what reached the MiDaS network and what it returned (predict calls .forward)."""
    seen = {}
    model = dm.midas_model

    def forward(x):
        seen["midas_in"] = x.clone()
        seen["midas_raw"] = type(model).forward(model, x)
        return seen["midas_raw"]

    model.forward = forward
    try:
        depth = dm.predict(img, types.SimpleNamespace(midas_weight=midas_weight))
    finally:
        del model.forward
    return depth, seen


def predict_tolerance(model, seen, out, h, w):
    """Error of the fp32 path against the same arithmetic in fp64 from the same network input."""
    _, raw64 = reference_error(model, seen["midas_in"], seen["midas_raw"])
    up = torch.nn.functional.interpolate(raw64.unsqueeze(1), size=(h, w), mode="bicubic", align_corners=False).squeeze()
    out64 = (50.0 - up) / 19.0
    err = float((out.double() - out64).abs().max())
    tol = tolerance_from(err, float(out.abs().max()), "fp32 network + fp32 bicubic + (50 - d)/19")
    tol["reason"] += ("; assumes midas_in reproduced to float32 rounding (OpenCV INTER_CUBIC on float32, then "
                      "(x - 0.5)/0.5 in float64 by NumPy's list broadcast, cast to float32)")
    return tol


def predict_cases(ctx, model):
    dm = load_depth_model(ctx)
    ctx.shared["midas_transform"] = dm.midas_transform
    for i, (h, w, dtype) in enumerate(PREDICT_FRAMES):
        img = frame(h, w, dtype, 200 + i)
        depth, seen = predict_with_intermediates(dm, img, 1.0)
        ctx.add_case(f"midas_predict_{i:02d}", "midas_predict", "helpers/depth.py::DepthModel.predict (MiDaS only)", {
            "H": h, "W": w, "frame_dtype": dtype, "midas_weight": 1.0, "adabins": False,
            "net_H": int(seen["midas_in"].shape[2]), "net_W": int(seen["midas_in"].shape[3]),
            "frame": "smooth_image(H, W, seed) * 255 cast to frame_dtype (midas_cases.py)", "seed": 200 + i,
        }, {
            "in_frame": ("input", img),
            "out_depth": ("output", depth),
        }, predict_tolerance(model, seen, depth, h, w), model=MODEL_ID,
            notes=["DepthModel.load_midas on this model's .pth under the name dpt_large-midas-2f21e586.pt (CPU: float32, no channels_last)",
                   "the network input (net_H x net_W, 384-scale) is not stored: ../shared/golden/image's depth group checks midas_transform"])
    return dm


def build(ctx):
    import timm
    deforum = ctx.args.deforum
    ctx.reference("midas", {
        "repo": "deforum-art/deforum-stable-diffusion", "commit": _commit(deforum),
        "files": ["src/midas/dpt_depth.py", "src/midas/vit.py", "src/midas/blocks.py", "src/midas/base_model.py",
                  "src/midas/transforms.py", "helpers/depth.py (DepthModel.load_midas, DepthModel.predict)"],
        "shims": "none in the network; helpers/depth.py's einops/numpngw imports are inert stand-ins (DepthModel.save is not run)",
    })
    ctx.reference("timm", {"repo": "huggingface/pytorch-image-models", "commit": _commit(ctx.args.timm), "version": timm.__version__,
                           "files": ["timm/models/vision_transformer.py (VisionTransformer, Block, Attention, Mlp)"]})
    model = build_model()
    entry = ctx.save_model(MODEL_ID, model, SEED, {
        "DPTDepthModel": {"backbone": "vitl16_384 (tiny)", "readout": "project", "non_negative": True, "features": FEATURES,
                          "channels_last": False, "use_bn": False},
        "VisionTransformer": dict(VIT, qkv_bias=True, class_token=True, global_pool="token", layernorm_eps=1e-6,
                                  act="GELU (exact)"),
        "hooks": HOOKS, "readout_features": READOUT_FEATURES,
        "real_for_comparison": {"embed_dim": 1024, "depth": 24, "num_heads": 16, "mlp_ratio": 4, "img_size": 384,
                                "num_classes": 1000, "hooks": [5, 11, 17, 23], "readout_features": [256, 512, 1024, 1024],
                                "features": 256},
    }, notes=["num_heads = embed_dim / 64 as in ViT-B/16 and ViT-L/16",
              "weights: N(0, 1/fan_in) for kernels (fan_in = in channels for ConvTranspose2d), 1 + 0.1N for norm weights, "
              "0.05N for biases, 0.5N for cls_token and pos_embed, scratch.output_conv.4.bias = 1"])
    print(f"  {MODEL_ID}: {entry['n_params']} parameters, {entry['n_keys']} keys, {entry['files']['pth']['bytes']} bytes")
    forward_cases(ctx, model)
    dm = predict_cases(ctx, model)
    ctx.shared["midas"] = (MODEL_ID, dm.midas_model)


def _commit(path):
    from generate import git_head
    return git_head(path)
