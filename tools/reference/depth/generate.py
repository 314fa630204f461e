#!/usr/bin/env python3
"""Reference data for the depth networks of Deforum's 3D mode (MiDaS DPT-Large, AdaBins, DepthModel.predict).

Runs the original code (deforum-art/deforum-stable-diffusion's vendored src/midas, src/adabins, src/infer.py and
helpers/depth.py, with timm and gen-efficientnet-pytorch) on tiny random-weight models that keep the real
checkpoints' key names, and writes the cases in the project's golden format: one safetensors file per case, the
tiny models as torch.save zip archives, and manifest.json. See README.md for the sources, the command line and the
interface of the case modules (midas_cases.py, adabins_cases.py, depth_model_cases.py).
"""
import argparse
import hashlib
import importlib
import json
import os
import platform
import struct
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "tests", "golden", "depth"))

# In this order: depth_model_cases uses the tiny models the network modules publish in ctx.shared.
MODULES = ["midas_cases", "adabins_cases", "depth_model_cases"]

SAFETENSORS_DTYPES = {"float32": "F32", "float64": "F64", "uint8": "U8", "int64": "I64", "int32": "I32"}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--deforum", required=True, help="checkout of deforum-art/deforum-stable-diffusion (its src/ and helpers/)")
    p.add_argument("--timm", required=True, help="checkout of huggingface/pytorch-image-models (v0.6.13)")
    p.add_argument("--geffnet", help="checkout of rwightman/gen-efficientnet-pytorch (AdaBins' encoder)")
    p.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: tests/golden/depth)")
    p.add_argument("--only", nargs="*", help="case modules to run (default: every module of MODULES that exists)")
    return p.parse_args()


def install_sources(args):
    """The originals on sys.path, plus inert stand-ins for the two imports of helpers/depth.py that predict never uses."""
    for path in (args.timm, args.geffnet, os.path.join(args.deforum, "src")):
        if path:
            sys.path.insert(0, os.path.abspath(path))
    for name, attr in (("einops", ("rearrange", "repeat")), ("numpngw", ("write_png",))):
        if name in sys.modules:
            continue
        shim = types.ModuleType(name)
        for a in attr:
            def unused(*_a, _n=f"{name}.{a}", **_k):
                raise NotImplementedError(f"{_n} is a stand-in: DepthModel.save is not part of the reference")
            setattr(shim, a, unused)
        sys.modules[name] = shim


def git_head(path):
    """Commit of a checkout (a git work tree or an archive with a .commit file), or None."""
    if not path:
        return None
    marker = os.path.join(path, ".commit")
    if os.path.exists(marker):
        return open(marker).read().strip()
    try:
        import subprocess
        return subprocess.check_output(["git", "-C", path, "rev-parse", "HEAD"], stderr=subprocess.DEVNULL, text=True).strip()
    except Exception:
        return None


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_safetensors(path, tensors):
    """tensors: name -> contiguous numpy array. 8-byte LE header length, JSON header (padded to 8), raw LE data."""
    header, blobs, offset = {}, [], 0
    for name, a in tensors.items():
        blob = a.tobytes(order="C")
        header[name] = {"dtype": SAFETENSORS_DTYPES[str(a.dtype)], "shape": list(a.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


class Context:
    """What a case module gets: the output folder, shared objects between modules, and the manifest writers."""

    def __init__(self, out_dir, args):
        import numpy as np
        import torch
        self.np, self.torch = np, torch
        self.out_dir = out_dir
        self.args = args
        self.shared = {}
        self.manifest = {
            "format": "safetensors (8-byte LE header length, JSON header, raw LE data; dtypes U8/F32); models as .pth (torch.save zip)",
            "set": "public",
            "generator": "tools/reference/depth/generate.py",
            "reference": {},
            "environment": environment(),
            "conventions": {
                "roles": "input = fed to the reference; output = compare against; intermediate = captured inside the reference call",
                "min/max": "over the stored values",
                "tolerance": "case-level tolerance {max_abs, reason} applies to role=output tensors; a dict keyed by tensor name overrides per tensor",
            },
            "models": [],
            "cases": [],
        }

    def reference(self, key, info):
        self.manifest["reference"][key] = info

    def convention(self, key, text):
        self.manifest["conventions"][key] = text

    def save_model(self, model_id, module, seed, config, notes=None):
        """torch.save(module.state_dict()) as <model_id>.pth; the manifest gets its hash, size, config and key table."""
        path = os.path.join(self.out_dir, model_id + ".pth")
        state = module.state_dict()
        self.torch.save(state, path)
        entry = {
            "id": model_id,
            "seed": seed,
            "files": {"pth": {"file": model_id + ".pth", "bytes": os.path.getsize(path), "sha256": sha256_of(path),
                              "format": "torch.save(model.state_dict()) zip archive (torch 1.13: data.pkl protocol 2, OrderedDict with _metadata)"}},
            "config": config,
            "n_params": int(sum(t.numel() for t in state.values())),
            "n_keys": len(state),
            "keys": [[k, list(t.shape)] for k, t in state.items()],
        }
        if notes:
            entry["notes"] = notes
        self.manifest["models"].append(entry)
        return entry

    def add_case(self, case_id, group, function, params, tensors, tolerance, model=None, notes=None):
        """tensors: name -> (role, array or tensor[, extra dict]); written to <case_id>.safetensors in this order."""
        arrays, described = {}, {}
        for name, spec in tensors.items():
            role, value = spec[0], spec[1]
            a = self.to_numpy(value)
            arrays[name] = a
            d = {"role": role, "dtype": SAFETENSORS_DTYPES[str(a.dtype)], "shape": list(a.shape),
                 "min": round(float(a.min()), 9), "max": round(float(a.max()), 9)}
            if len(spec) > 2:
                d.update(spec[2])
            described[name] = d
        write_safetensors(os.path.join(self.out_dir, case_id + ".safetensors"), arrays)
        case = {"id": case_id, "group": group, "function": function}
        if model:
            case["model"] = model
        case.update({"params": params, "file": case_id + ".safetensors", "tensors": described, "tolerance": tolerance})
        if notes:
            case["notes"] = notes
        self.manifest["cases"].append(case)

    def to_numpy(self, value):
        if isinstance(value, self.torch.Tensor):
            value = value.detach().cpu().numpy()
        a = self.np.ascontiguousarray(value)
        if a.dtype == self.np.float64:
            raise TypeError("store float32 (the reference's dtype), not float64")
        return a

    def write_manifest(self):
        with open(os.path.join(self.out_dir, "manifest.json"), "w") as f:
            json.dump(self.manifest, f, indent=1)
            f.write("\n")


def environment():
    import cv2
    import numpy
    import PIL
    import torch
    import torchvision
    return {"python": platform.python_version(), "numpy": numpy.__version__, "torch": torch.__version__,
            "torchvision": torchvision.__version__, "opencv": cv2.__version__, "Pillow": PIL.__version__,
            "torch_threads": torch.get_num_threads(), "machine": platform.machine()}


def main():
    args = parse_args()
    install_sources(args)
    import torch
    torch.set_num_threads(1)  # one thread: reductions in a fixed order, so a rerun writes the same bytes
    torch.use_deterministic_algorithms(True)
    os.makedirs(args.out, exist_ok=True)
    ctx = Context(args.out, args)
    names = args.only or [m for m in MODULES if os.path.exists(os.path.join(HERE, m + ".py"))]
    sys.path.insert(0, HERE)
    for name in names:
        print(f"== {name}")
        importlib.import_module(name).build(ctx)
    ctx.write_manifest()
    print(f"{len(ctx.manifest['cases'])} cases, {len(ctx.manifest['models'])} models -> {args.out}")


if __name__ == "__main__":
    main()
