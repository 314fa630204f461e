"""AdaBins reference cases for the depth golden set, written for this repo.

Runs the ORIGINAL code (never copied here) on a tiny random-weight AdaBins that keeps the real `AdaBins_nyu.pt`
key names, and records its outputs in the golden format (safetensors + manifest entries):

  - group `adabins_forward`: UnetAdaptiveBins.forward (bin edges and the half-resolution depth) at three input
    sizes, square, non-square and odd (TF "same" padding splits unevenly), with the encoder features, the decoder
    output and the mini-ViT outputs as intermediates;
  - group `adabins_predict`: InferenceHelper.predict_pil, the path Deforum's DepthModel.predict calls (float64
    ImageNet normalisation, flip averaging, np.clip, bilinear align_corners=True up-sampling, final clipping and
    the bin centres it returns).

Sources (fetched, put on PYTHONPATH, run unchanged):
  deforum-art/deforum-stable-diffusion src/ (adabins/, infer.py, model_io.py, utils.py)
  rwightman/gen-efficientnet-pytorch (geffnet/), the code torch.hub loads for 'tf_efficientnet_b5_ap'

The one replacement: UnetAdaptiveBins.build and InferenceHelper.__init__ fetch the EfficientNet backbone with
torch.hub (the network); here the backbone is built locally with geffnet's own generator at the B5 depth and the
layers whose widths the original hard-codes are rebuilt, with the original classes, at tiny widths. Every forward
runs the original methods.

The module interface of tools/reference/depth/generate.py is `build(ctx)` (which calls `models(out_dir)`, the manifest
model entry, writing the checkpoint, and `cases(out_dir, rng)`, the case entries, writing their files). Run on its own
it writes a manifest with only these:

    PYTHONPATH=$DEFORUM/src:$GEFFNET /usr/bin/python3 tools/reference/depth/adabins_cases.py tests/golden/depth
"""
import hashlib
import json
import os
import sys
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

import geffnet
import model_io
from adabins import UnetAdaptiveBins
from adabins.miniViT import mViT
from adabins.unet_adaptive_bins import DecoderBN, UpSampleBN
from geffnet.efficientnet_builder import BN_EPS_TF_DEFAULT
from geffnet.gen_efficientnet import _gen_efficientnet
from infer import InferenceHelper, ToTensor

MODEL_ID = "adabins_tiny"
MODEL_FILE = "adabins_tiny.pt"
MODEL_SEED = 2024
MIN_DEPTH, MAX_DEPTH = 1e-3, 10  # InferenceHelper, dataset 'nyu'

# Tiny widths; the depth (block counts, kernel sizes, expansion, SE ratio, strides) is B5's, so the keys are the real
# file's. Real values for comparison in REAL.
TINY = {
    "efficientnet": {"variant": "tf_efficientnet_b5_ap", "channel_multiplier": 0.1, "depth_multiplier": 2.2,
                     "bn_eps": BN_EPS_TF_DEFAULT, "pad_type": "same"},
    "decoder_features": 32,
    "decoder_out": 8,
    "embedding_dim": 16,
    "num_heads": 4,
    "dim_feedforward": 32,
    "transformer_layers": 4,
    "n_query_channels": 8,
    "patch_size": 16,
    "regressor_hidden": 32,
    "n_bins": 16,
}
REAL = {"efficientnet_channel_multiplier": 1.6, "decoder_features": 2048, "decoder_out": 128, "embedding_dim": 128,
        "num_heads": 4, "dim_feedforward": 1024, "transformer_layers": 4, "n_query_channels": 128, "patch_size": 16,
        "regressor_hidden": 256, "n_bins": 256}

FORWARD_SIZES = [(2, 96, 96), (1, 96, 128), (1, 100, 130)]
PREDICT_SIZES = [(96, 96), (90, 160), (101, 131)]
CALIBRATION_BATCHES = 4
# Random weights chain 39 blocks: with statistics that normalise exactly, some channels' gains compound and a float32
# run drifts from float64 by 1e-4 relative after the encoder. Damping every BatchNorm's output (running variance x4,
# outputs at half the calibrated scale) keeps the tiny network well conditioned, like a trained one.
BN_VAR_DAMPING = 4.0
# Default-initialised, conv_out gives near-uniform bin probabilities (depth ~5 m everywhere); scaled up, the
# probabilities peak per pixel as a trained model's do and the depth varies over the image.
CONV_OUT_GAIN = 10.0


def build_tiny(seed=MODEL_SEED):
    """The tiny AdaBins in eval mode: random weights, BatchNorm statistics calibrated on random images."""
    torch.manual_seed(seed)
    e = TINY["efficientnet"]
    backend = _gen_efficientnet(e["variant"], channel_multiplier=e["channel_multiplier"],
                                depth_multiplier=e["depth_multiplier"], bn_eps=e["bn_eps"], pad_type=e["pad_type"])
    backend.global_pool = nn.Identity()  # as UnetAdaptiveBins.build
    backend.classifier = nn.Identity()
    model = UnetAdaptiveBins(backend, n_bins=TINY["n_bins"], min_val=MIN_DEPTH, max_val=MAX_DEPTH, norm="linear")

    # DecoderBN hard-codes B5's skip widths (112 + 64, ...) and 2048 features: rebuild it for this encoder.
    skips = [backend.blocks[i][-1].conv_pwl.out_channels if i > 0 else backend.blocks[0][-1].conv_pw.out_channels
             for i in (4, 2, 1, 0)]
    f = TINY["decoder_features"]
    decoder = DecoderBN(num_features=f, num_classes=TINY["decoder_out"], bottleneck_features=backend.conv_head.out_channels)
    for k, skip in enumerate(skips):
        setattr(decoder, f"up{k + 1}", UpSampleBN(skip_input=f // 2 ** k + skip, output_features=f // 2 ** (k + 1)))
    model.decoder = decoder

    vit = mViT(TINY["decoder_out"], n_query_channels=TINY["n_query_channels"], patch_size=TINY["patch_size"],
               dim_out=TINY["n_bins"], embedding_dim=TINY["embedding_dim"], num_heads=TINY["num_heads"], norm="linear")
    layer = nn.TransformerEncoderLayer(TINY["embedding_dim"], TINY["num_heads"], dim_feedforward=TINY["dim_feedforward"])
    vit.patch_transformer.transformer_encoder = nn.TransformerEncoder(layer, num_layers=TINY["transformer_layers"])
    h = TINY["regressor_hidden"]
    vit.regressor = nn.Sequential(nn.Linear(TINY["embedding_dim"], h), nn.LeakyReLU(), nn.Linear(h, h), nn.LeakyReLU(),
                                  nn.Linear(h, TINY["n_bins"]))
    model.adaptive_bins_layer = vit
    model.conv_out = nn.Sequential(nn.Conv2d(TINY["n_query_channels"], TINY["n_bins"], kernel_size=1), nn.Softmax(dim=1))

    with torch.no_grad():
        model.conv_out[0].weight.mul_(CONV_OUT_GAIN)
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.normal_(1.0, 0.1)
                m.bias.normal_(0.0, 0.05)
                m.momentum = None  # cumulative average over the calibration batches
    optimizer = _one_training_step(model)
    model.train()
    rng = np.random.default_rng(seed)
    with torch.no_grad():
        for _ in range(CALIBRATION_BATCHES):
            images = [ToTensor()(test_image(96, 128, rng) / 255.).float() for _ in range(2)]
            model(torch.cat([normalized_input(2, 96, 128, torch.Generator().manual_seed(int(rng.integers(1 << 30)))),
                             torch.stack(images)]))
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_var.mul_(BN_VAR_DAMPING)
    return model.eval(), optimizer


def _one_training_step(model):
    """AdamW with AdaBins' two parameter groups (encoder at lr/10) after one step of the 10x group, so the checkpoint
    holds an optimizer state dict with tensors as the released one does (the loader must skip it)."""
    lr = 3.57e-4
    optimizer = torch.optim.AdamW([{"params": model.get_1x_lr_params(), "lr": lr / 10},
                                   {"params": model.get_10x_lr_params(), "lr": lr}], weight_decay=0.1)
    for p in model.encoder.parameters():
        p.requires_grad_(False)
    model.train()
    _, pred = model(normalized_input(1, 96, 96, torch.Generator().manual_seed(7)))
    pred.mean().backward()
    optimizer.step()
    optimizer.zero_grad()
    for p in model.encoder.parameters():
        p.requires_grad_(True)
    return optimizer


def normalized_input(b, h, w, generator):
    """An ImageNet-normalised random image batch [b, 3, h, w] (what the network receives)."""
    x = torch.rand(b, 3, h, w, generator=generator)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    return (x - mean) / std


def test_image(h, w, rng):
    """A uint8 HWC image with smooth structure (gradients, a disc) and noise, as Pillow would hold it."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = np.hypot(y - 0.4 * h, x - 0.6 * w) < 0.25 * min(h, w)
    img = np.stack([255 * x / max(w - 1, 1), 255 * y / max(h - 1, 1), 200.0 * r + 30], axis=-1)
    img = img + rng.normal(0, 12, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


# ---- capture ----

class Capture:
    """Forward hooks on the stages UnetAdaptiveBins.forward chains, recording what each returned."""

    def __init__(self, model):
        self.values = {}
        self._handles = [
            model.encoder.register_forward_hook(self._hook("encoder")),
            model.decoder.register_forward_hook(self._hook("decoder")),
            model.adaptive_bins_layer.register_forward_hook(self._hook("mvit")),
        ]

    def _hook(self, name):
        def hook(_module, _inputs, output):
            self.values[name] = output
        return hook

    def intermediates(self):
        enc = self.values["encoder"]
        widths, maps = self.values["mvit"]
        out = {f"inter_features{i}": enc[i] for i in (4, 5, 6, 8, 11)}
        out["inter_decoder"] = self.values["decoder"]
        out["inter_bin_widths_normed"] = widths
        out["inter_range_attention_maps"] = maps
        return out

    def close(self):
        for h in self._handles:
            h.remove()


# ---- safetensors and manifest entries ----

def save_safetensors(path, tensors):
    """tensors: name -> numpy array (float32 or uint8)."""
    names = {np.dtype(np.float32): "F32", np.dtype(np.uint8): "U8"}
    header, blobs, offset = {}, [], 0
    for name, a in tensors.items():
        a = np.ascontiguousarray(a)
        data = a.tobytes()
        header[name] = {"dtype": names[a.dtype], "shape": list(a.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(len(raw).to_bytes(8, "little"))
        f.write(raw)
        for b in blobs:
            f.write(b)


def tensor_entry(role, a, max_abs=None):
    finite = a[np.isfinite(a)] if a.dtype != np.uint8 else a
    e = {"role": role, "dtype": "U8" if a.dtype == np.uint8 else "F32", "shape": list(a.shape),
         "min": round(float(finite.min()), 9), "max": round(float(finite.max()), 9)}
    if max_abs is not None:
        e["max_abs"] = max_abs
    return e


def tolerance_for(err64, values):
    """max(8x the float32 run's error against float64, 2e-6 * max|t|), two significant digits, rounded up."""
    t = max(8 * err64, 2e-6 * float(np.abs(values).max()), 1e-7)
    exponent = int(np.floor(np.log10(t))) - 1
    return float(f"{np.ceil(t / 10.0 ** exponent) * 10.0 ** exponent:.2g}")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---- model entries ----

def models(out_dir):
    """Writes the tiny checkpoint in the released file's structure and returns its manifest entry."""
    model, optimizer = build_tiny()
    path = os.path.join(out_dir, MODEL_FILE)
    # model_io.save_checkpoint's layout, with the 'module.' prefix of the DataParallel model the release was saved from.
    state = OrderedDict(("module." + k, v) for k, v in model.state_dict().items())
    torch.save({"model": state, "optimizer": optimizer.state_dict(), "epoch": 24}, path)
    reloaded, _, epoch = model_io.load_checkpoint(path, build_tiny()[0])  # the original loader accepts it
    assert epoch == 24 and all(torch.equal(a, b) for a, b in zip(reloaded.state_dict().values(), model.state_dict().values()))
    sd = model.state_dict()
    return [{
        "id": MODEL_ID,
        "seed": MODEL_SEED,
        "files": {"pt": {"file": MODEL_FILE, "bytes": os.path.getsize(path), "sha256": sha256(path),
                         "format": "torch.save zip (torch 1.13) of {'model': OrderedDict('module.' + key -> tensor), "
                                   "'optimizer': AdamW.state_dict() (2 param groups, state for the 10x group), "
                                   "'epoch': 24}, as model_io.save_checkpoint writes it from a DataParallel model"}},
        "config": {"UnetAdaptiveBins": {"n_bins": TINY["n_bins"], "min_val": MIN_DEPTH, "max_val": MAX_DEPTH, "norm": "linear"},
                   **{k: v for k, v in TINY.items() if k != "n_bins"}},
        "real_nyu_for_comparison": REAL,
        "real_nyu_keys": real_nyu_keys(),
        "n_params": int(sum(v.numel() for k, v in sd.items() if v.is_floating_point())),
        "n_keys": len(sd),
        "keys": [[k, list(v.shape)] for k, v in sd.items()],
        "notes": "Keys below the 'module.' prefix are the real AdaBins_nyu.pt's (same module tree; tiny widths). "
                 "num_batches_tracked buffers are int64 scalars.",
    }]


def real_nyu_keys():
    """The state-dict keys and shapes of the full-size network InferenceHelper(dataset='nyu') builds (n_bins 256), below the
    'module.' prefix: what AdaBins_nyu.pt holds. Built as UnetAdaptiveBins.build does, with a local backbone."""
    backend = geffnet.tf_efficientnet_b5_ap(pretrained=False)
    backend.global_pool = nn.Identity()
    backend.classifier = nn.Identity()
    model = UnetAdaptiveBins(backend, n_bins=256, min_val=MIN_DEPTH, max_val=MAX_DEPTH)
    return [[k, list(v.shape)] for k, v in model.state_dict().items()]


# ---- cases ----

def _float64_twin(model):
    twin, _ = build_tiny()
    twin.load_state_dict(model.state_dict())
    return twin.double().eval()


def forward_cases(out_dir, model, twin, rng):
    out = []
    for n, (b, h, w) in enumerate(FORWARD_SIZES):
        x = normalized_input(b, h, w, torch.Generator().manual_seed(int(rng.integers(1 << 30))))
        cap = Capture(model)
        with torch.no_grad():
            edges, pred = model(x)
        inter = {k: v.numpy() for k, v in cap.intermediates().items()}
        cap.close()
        cap64 = Capture(twin)
        with torch.no_grad():
            edges64, pred64 = twin(x.double())
        inter64 = {k: v.numpy() for k, v in cap64.intermediates().items()}
        cap64.close()

        outputs = {"out_bin_edges": (edges.numpy(), edges64.numpy()), "out_pred": (pred.numpy(), pred64.numpy())}
        tol = {k: {"max_abs": tolerance_for(float(np.abs(a - a64).max()), a),
                   "reason": f"fp32 forward; the reference's own fp32-vs-fp64 max error is {np.abs(a - a64).max():.3g} "
                             "at this case; tolerance = max(8x that, 2e-6*max|t|)"} for k, (a, a64) in outputs.items()}
        tensors = {"in_x": tensor_entry("input", x.numpy())}
        for k, (a, _) in outputs.items():
            tensors[k] = tensor_entry("output", a)
        for k, a in inter.items():
            tensors[k] = tensor_entry("intermediate", a, tolerance_for(float(np.abs(a - inter64[k]).max()), a))
        file = f"adabins_forward_{n:02d}.safetensors"
        save_safetensors(os.path.join(out_dir, file),
                         {"in_x": x.numpy(), **{k: a for k, (a, _) in outputs.items()}, **inter})
        out.append({
            "id": f"adabins_forward_{n:02d}", "group": "adabins_forward",
            "function": "src/adabins/unet_adaptive_bins.py::UnetAdaptiveBins.forward", "model": MODEL_ID,
            "params": {"B": b, "H": h, "W": w, "input": "normalized_input(B, H, W) (ImageNet-normalised rand)"},
            "file": file, "tensors": tensors, "tolerance": tol,
            "notes": "out_bin_edges [B, n_bins+1] (cumsum of min_val-padded widths); out_pred [B, 1, ceil(H/2), ceil(W/2)] "
                     "= sum(softmax(conv_out(range_attention_maps)) * centres). inter_features{i} = Encoder.forward's "
                     "features[i] (4, 5, 6: blocks.0-2; 8: blocks.4; 11: conv_head BEFORE bn2/act2, as DecoderBN uses it); "
                     "inter_decoder = DecoderBN output; inter_bin_widths_normed, inter_range_attention_maps = mViT outputs.",
        })
    return out


def _predict64(twin, image_u8):
    """InferenceHelper.predict replayed in float64 on the float64 twin, only to size the tolerance."""
    x = ToTensor()(np.asarray(image_u8) / 255.).unsqueeze(0)  # float64
    with torch.no_grad():
        bins, pred = twin(x)
        pred_lr = twin(torch.flip(x, [-1]))[-1]
    pred = np.clip(pred.numpy(), MIN_DEPTH, MAX_DEPTH)
    pred_lr = np.clip(pred_lr.numpy()[..., ::-1], MIN_DEPTH, MAX_DEPTH)
    final = nn.functional.interpolate(torch.from_numpy(0.5 * (pred + pred_lr)), x.shape[-2:], mode="bilinear",
                                      align_corners=True).numpy()
    return np.clip(final, MIN_DEPTH, MAX_DEPTH)


def inference_helper(model):
    """InferenceHelper(dataset='nyu') around `model`, on the CPU (its __init__ would fetch the backbone through torch.hub)."""
    helper = InferenceHelper.__new__(InferenceHelper)
    helper.toTensor, helper.device = ToTensor(), "cpu"
    helper.min_depth, helper.max_depth, helper.saving_factor = MIN_DEPTH, MAX_DEPTH, 1000
    helper.model = model
    return helper


def predict_cases(out_dir, model, twin, rng):
    helper = inference_helper(model)
    out = []
    for n, (h, w) in enumerate(PREDICT_SIZES):
        image = test_image(h, w, rng)
        seen = []
        hook = model.register_forward_hook(lambda _m, inputs, output: seen.append((inputs[0].clone(), output[1].clone())))
        centers, final = helper.predict_pil(Image.fromarray(image))
        hook.remove()
        net_input, pred = seen[0]
        flipped_input, pred_lr = seen[1]
        assert torch.equal(flipped_input, torch.flip(net_input, [-1]))
        depth = final[0, 0]
        err = float(np.abs(final - _predict64(twin, image)).max())
        file = f"adabins_predict_{n:02d}.safetensors"
        arrays = {"in_image": image, "inter_net_input": net_input.numpy(), "inter_pred": pred.numpy(),
                  "inter_pred_flipped": pred_lr.numpy(), "out_depth": depth.astype(np.float32),
                  "out_bin_centers": centers.astype(np.float32)}
        save_safetensors(os.path.join(out_dir, file), arrays)
        tensors = {
            "in_image": tensor_entry("input", image),
            "inter_net_input": tensor_entry("intermediate", arrays["inter_net_input"], 1e-6),
            "inter_pred": tensor_entry("intermediate", arrays["inter_pred"]),
            "inter_pred_flipped": tensor_entry("intermediate", arrays["inter_pred_flipped"]),
            "out_depth": tensor_entry("output", arrays["out_depth"]),
            "out_bin_centers": tensor_entry("output", arrays["out_bin_centers"]),
        }
        depth_tol = tolerance_for(err, depth)
        tol = {
            "out_depth": {"max_abs": depth_tol, "reason": f"fp32 forward x2 + bilinear resize; the reference's fp32-vs-fp64 "
                                                          f"max error is {err:.3g}; tolerance = max(8x that, 2e-6*max)"},
            "out_bin_centers": {"max_abs": depth_tol, "reason": "bin centres come from the same fp32 forward as out_depth"},
        }
        out.append({
            "id": f"adabins_predict_{n:02d}", "group": "adabins_predict",
            "function": "src/infer.py::InferenceHelper.predict_pil (-> predict)", "model": MODEL_ID,
            "params": {"image_H": h, "image_W": w, "min_depth": MIN_DEPTH, "max_depth": MAX_DEPTH,
                       "channel_order": "as given (Deforum passes its RGB frame converted RGB2BGR)",
                       "normalize": {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
                                     "math": "np.asarray(image) / 255. and Normalize in float64, then .float()"}},
            "file": file, "tensors": tensors, "tolerance": tol,
            "notes": "inter_net_input: what the network receives (float64 normalisation cast to float32); inter_pred / "
                     "inter_pred_flipped: the network's depth for the input and for its horizontal flip (before "
                     "np.clip and before flipping back); out_depth = final[0, 0] (Deforum squeezes it): "
                     "0.5*(clip(pred) + flip(clip(pred_flipped))) up-sampled bilinearly (align_corners=True) to H x W, "
                     "then clipped to [min, max] with inf -> max, NaN -> min; out_bin_centers: 0.5*(edges[1:]+edges[:-1]) "
                     "of the unflipped pass, strictly inside (min, max).",
        })
    return out


def saved_model(out_dir):
    """The tiny model as `models(out_dir)` saved it, in eval mode."""
    model, _ = build_tiny()
    ckpt = torch.load(os.path.join(out_dir, MODEL_FILE), map_location="cpu")
    model.load_state_dict(OrderedDict((k[len("module."):], v) for k, v in ckpt["model"].items()))
    return model.eval()


def cases(out_dir, rng):
    """Manifest case entries (writes the case files); `models(out_dir)` must have written the checkpoint."""
    model = saved_model(out_dir)
    twin = _float64_twin(model)
    return forward_cases(out_dir, model, twin, rng) + predict_cases(out_dir, model, twin, rng)


CASE_SEED = 11


def build(ctx):
    """generate.py's module interface: the model in the released file's layout (not ctx.save_model's plain state dict),
    the cases, and ctx.shared["adabins"] = (model id, InferenceHelper on the tiny model) for depth_model_cases."""
    for key, info in reference().items():
        ctx.reference(key, info)
    ctx.manifest["models"].extend(models(ctx.out_dir))
    ctx.manifest["cases"].extend(cases(ctx.out_dir, np.random.default_rng(CASE_SEED)))
    ctx.shared["adabins"] = (MODEL_ID, inference_helper(saved_model(ctx.out_dir)))


def reference():
    return {"adabins": {
        "repo": "deforum-art/deforum-stable-diffusion", "commit": "9d2caaae4567ce7e41e5b16db0866dd6b80cdea4",
        "files": ["src/adabins/unet_adaptive_bins.py", "src/adabins/miniViT.py", "src/adabins/layers.py", "src/infer.py",
                  "src/model_io.py"],
        "shims": "UnetAdaptiveBins.build / InferenceHelper.__init__ replaced by build_tiny (no torch.hub): the backbone from "
                 "geffnet _gen_efficientnet('tf_efficientnet_b5_ap', channel_multiplier=0.1, depth_multiplier=2.2, "
                 "bn_eps=1e-3, pad_type='same'); DecoderBN.up1-4, mViT's transformer and regressor and conv_out rebuilt "
                 "with the original classes at tiny widths (the original hard-codes B5's widths). Forward code unchanged."},
        "gen_efficientnet": {"repo": "rwightman/gen-efficientnet-pytorch", "commit": "771ce082b2ce6d033f55b3d47c1f77389ad3c180",
                             "version": "1.0.2", "files": ["geffnet/gen_efficientnet.py", "geffnet/efficientnet_builder.py",
                                                           "geffnet/conv2d_layers.py"]}}


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    manifest = {
        "format": "safetensors (8-byte LE header length, JSON header, raw LE data; dtypes U8/F32); models as .pt (torch.save zip)",
        "reference": reference(),
        "environment": {"python": sys.version.split()[0], "numpy": np.__version__, "torch": torch.__version__,
                        "Pillow": Image.__version__, "torch_threads": 1},
        "conventions": {"roles": "input = fed to the reference; output = compare against; intermediate = captured inside "
                                 "the reference call (debugging aid, with its own max_abs where given)",
                        "tolerance": "keyed by output tensor name"},
        "models": models(out_dir),
    }
    manifest["cases"] = cases(out_dir, np.random.default_rng(CASE_SEED))
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/golden/depth")
