#!/usr/bin/python3
"""img2img cases in the golden format, made by the original code on the tiny golden checkpoint.

Runs CompVis/stable-diffusion's LatentDiffusion (UNet, VAE, DDPM buffers) and k-diffusion's CompVisDenoiser and
samplers unchanged, through Deforum v0.4's helpers/k_samplers.py::sampler_fn and load_img (read from the
notebook file), with the draws in v0.4 generate()'s order. Conditioning: v0.4/0.7.1 generate() (c = E(prompt),
uc = E(negative prompt)), or 0.5-0.7 helpers/prompt.py::get_uc_and_c when a case sets prompt_weighting. The text
encoder is tiny_clip.py's stand-in (no transformers here). Every torch.randn/randn_like is recorded; a second run
in float64 replays them to size the tolerances (the golden set's basis).

--validate first reproduces the shipped golden cases (tokenizer, text_encoder, img2img_kdiffusion) within their
tolerances; the new cases are only written when that passes. See README.md.
"""
import argparse
import ast
import contextlib
import importlib.util
import inspect
import json
import math
import sys
import types
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import torch
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import safetensors_io  # noqa: E402
import shims  # noqa: E402

TOLERANCE_FLOOR = 1e-4  # the golden set's img2img floor: max(1e-4, 10 x max|fp32 - fp64|)
TOLERANCE_RTOL = 1e-3
INIT_PNG = "init_80x48.png"
KDIFFUSION_CHECKOUTS = {"v0012": "kd0012", "2208": "kd2208"}  # golden variant key -> folder under --src
DEFORUM07_COMMIT = "9d2caaae4567ce7e41e5b16db0866dd6b80cdea4"  # deforum-art's helpers/prompt.py (the image set's reference)

# Each case's settings, deliberately unlike the shipped ones ("a red apple", seed 7, 64x64, strength 0.65,
# 10 steps, cfg 7.5, empty uc). Sizes are multiples of 64 because Deforum rounds W and H down to them first.
CASES = [
    dict(name="negative_wide_v0012_euler_ancestral", prompt="a lighthouse on a rocky coast at sunset",
         negative_prompt="blurry, low quality, watermark", seed=123, W=128, H=64, steps=12, strength=0.5,
         cfg_scale=5.0, deforum_sampler_name="euler_ancestral", k_diffusion="v0012"),
    dict(name="weighted_long_tall_2208_euler",
         prompt=("a medieval stone castle on a steep green hill above a winding river, tall towers with red flags, "
                 "a wooden bridge, villagers on the road, ravens circling the keep, mossy walls, ivy, lanterns, "
                 "morning mist in the valley, pine forest, distant snowy mountains, highly detailed matte painting, "
                 "volumetric light, dramatic sky, sharp focus, trending on artstation, golden hour:1.5 storm clouds, lightning:0.5 blurry, jpeg artifacts:-1"),
         negative_prompt="", prompt_weighting=True, normalize_prompt_weights=True, seed=4242, W=64, H=128, steps=10,
         strength=0.3, cfg_scale=9.0, deforum_sampler_name="euler", k_diffusion="2208"),
    dict(name="big_seed_v0012_euler", prompt="Portrait of an OLD fisherman, oil painting!", negative_prompt="",
         seed=4000000000, W=64, H=64, steps=8, strength=0.55, cfg_scale=7.5, deforum_sampler_name="euler",
         k_diffusion="v0012"),
    dict(name="negative_2208_euler_ancestral", prompt="a bowl of ramen, studio photo", negative_prompt="cartoon",
         seed=99, W=128, H=64, steps=15, strength=0.7, cfg_scale=6.5, deforum_sampler_name="euler_ancestral",
         k_diffusion="2208"),
]


# --- the originals ---------------------------------------------------------------------------------------------------

def module_from_file(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def function_from_notebook(path, name, namespace):
    """One top-level function of the v0.4 notebook export, compiled from its own source (the rest runs downloads)."""
    tree = ast.parse(Path(path).read_text())
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    exec(compile(ast.Module(body=[node], type_ignores=[]), path, "exec"), namespace)
    return namespace[name]


class KDiffusion:
    """One k-diffusion checkout's sampling/external plus Deforum v0.4's sampler_fn bound to it."""

    def __init__(self, label, checkout, deforum04):
        for name in [m for m in sys.modules if m == "k_diffusion" or m.startswith("k_diffusion.")] + ["deforum_k_samplers"]:
            sys.modules.pop(name, None)
        package = types.ModuleType("k_diffusion")  # skips k_diffusion/__init__ (training and evaluation imports)
        package.__path__ = [str(Path(checkout) / "k_diffusion")]
        sys.modules["k_diffusion"] = package
        for sub in ("utils", "sampling", "external"):
            setattr(package, sub, module_from_file(f"k_diffusion.{sub}", f"{checkout}/k_diffusion/{sub}.py"))
        self.label = label
        self.sampling, self.external = package.sampling, package.external
        self.k_samplers = module_from_file("deforum_k_samplers", f"{deforum04}/helpers/k_samplers.py")


class KDiffusionCheckouts:
    """Both checkouts are the package k_diffusion: binds the one a case asks for, again when the next asks for the other."""

    def __init__(self, src):
        self.src, self.bound = src, None

    def __getitem__(self, key):
        if self.bound is None or self.bound.label != key:
            self.bound = KDiffusion(key, self.src / KDIFFUSION_CHECKOUTS[key], self.src / "deforum04")
        return self.bound


def load_model(config_path, ckpt_path, tokenizer):
    from omegaconf import OmegaConf
    from ldm.util import instantiate_from_config
    config = OmegaConf.load(config_path)
    config.model.params.cond_stage_config.target = "tiny_clip.TinyFrozenCLIPEmbedder"
    model = instantiate_from_config(config.model)
    # load_model_from_config (Deforum v0.4): torch.load the Lightning checkpoint, state_dict, strict=False
    state = torch.load(ckpt_path, map_location="cpu")["state_dict"]
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise SystemExit(f"checkpoint does not fit the model: missing {missing}, unexpected {unexpected}")
    model.cond_stage_model.tokenizer = tokenizer
    return model.eval()


# --- recorded random draws -------------------------------------------------------------------------------------------

class RandomDraws:
    """Wraps torch.randn / randn_like: records every draw with its call site, or replays recorded ones."""

    def __init__(self, replay=None):
        self.calls, self.tensors, self.replay = [], [], replay

    def _site(self):
        for frame in inspect.stack():
            if frame.filename != __file__ or frame.function not in ("_site", "_draw", "<lambda>"):
                module = frame.frame.f_globals.get("__name__", "?")
                return f"{'make_img2img_cases.py (generate() restated)' if module == '__main__' else module}::{frame.function}"
        return "?"

    def _draw(self, fn, make, like=None):
        index = len(self.calls)
        if self.replay is not None:
            t = torch.from_numpy(self.replay[index]).to(like.dtype if like is not None else torch.float64)
        else:
            t = make()
        self.calls.append({"index": index, "fn": f"torch.{fn}", "shape": list(t.shape), "dtype": "float32",
                           "site": self._site(), "tensor": f"rng.{index:03d}"})
        self.tensors.append(t.detach().clone())
        return t

    @contextlib.contextmanager
    def active(self):
        randn, randn_like = torch.randn, torch.randn_like
        torch.randn = lambda *a, **k: self._draw("randn", lambda: randn(*a, **k))
        torch.randn_like = lambda x, *a, **k: self._draw("randn_like", lambda: randn_like(x, *a, **k), like=x)
        try:
            yield self
        finally:
            torch.randn, torch.randn_like = randn, randn_like


@contextlib.contextmanager
def float64_pass():
    """The two places ldm pins float32 (GroupNorm32, the UNet's timestep embedding) follow the float64 model instead,
    for the float64 re-run that only sizes the tolerances."""
    from ldm.modules.diffusionmodules import openaimodel, util
    embedding, norm = openaimodel.timestep_embedding, util.GroupNorm32.forward
    openaimodel.timestep_embedding = lambda t, *a, **k: embedding(t.to(torch.float64), *a, **k).to(torch.float64)
    util.GroupNorm32.forward = torch.nn.GroupNorm.forward
    try:
        yield
    finally:
        openaimodel.timestep_embedding, util.GroupNorm32.forward = embedding, norm


# --- one img2img generation ------------------------------------------------------------------------------------------

def conditioning(model, case, prompt_module):
    if case.get("prompt_weighting"):
        args = SimpleNamespace(normalize_prompt_weights=case["normalize_prompt_weights"], log_weighted_subprompts=False,
                               n_samples=1)
        return prompt_module.get_uc_and_c([case["prompt"]], model, args, frame=0)
    return model.get_learned_conditioning([case["negative_prompt"]]), model.get_learned_conditioning([case["prompt"]])


def run_img2img(model, kd, case, init_png, load_img, prompt_module, dtype, replay=None):
    """Deforum v0.4 generate() for a k-sampler with an init image and no mask, every stage captured."""
    from einops import repeat
    from pytorch_lightning import seed_everything
    out, steps = {}, []
    draws = RandomDraws(replay)
    with torch.no_grad(), draws.active():
        seed_everything(case["seed"])
        init_image, _ = load_img(str(init_png), shape=(case["W"], case["H"]))
        out["init_image"] = init_image = repeat(init_image.to(dtype), "1 ... -> b ...", b=1)  # fp16 values, [1, 3, H, W]
        posterior = model.encode_first_stage(init_image)
        out["posterior_mean"], out["posterior_std"] = posterior.mean, posterior.std
        out["init_latent"] = init_latent = model.get_first_stage_encoding(posterior)  # [1, 4, H/8, W/8]
        torch.randn_like(init_latent)  # SamplerCallback.__init__'s mask noise: drawn even without a mask
        t_enc = int((1.0 - case["strength"]) * case["steps"])
        uc, c = conditioning(model, case, prompt_module)
        out["uncond"], out["cond"] = uc, c

        sampler = getattr(kd.sampling, "sample_" + case["sampler_fn"])
        def capture_start(**kwargs):  # sampler_fn passes model, x, sigmas, ... by name
            out["x_start"], out["sigmas"] = kwargs["x"].clone(), kwargs["sigmas"].clone()
            return sampler(**kwargs)
        def record_step(d):
            steps.append({k: (d[k].clone() if torch.is_tensor(d[k]) else d[k]) for k in ("x", "denoised", "sigma", "sigma_hat")})
        setattr(kd.sampling, sampler.__name__, capture_start)
        try:
            args = SimpleNamespace(C=4, f=8, W=case["W"], H=case["H"], steps=case["steps"], use_init=True, n_samples=1,
                                   scale=case["cfg_scale"], sampler=case["deforum_sampler_name"])
            latent = kd.k_samplers.sampler_fn(c=c, uc=uc, args=args, model_wrap=kd.external.CompVisDenoiser(model),
                                              init_latent=init_latent, t_enc=t_enc, device=torch.device("cpu"),
                                              cb=record_step)
        finally:
            setattr(kd.sampling, sampler.__name__, sampler)
        out["latent"] = latent
        out["image"] = model.decode_first_stage(latent)  # [1, 3, H, W], before the clamp to [0, 1]
    for key in ("x", "denoised", "sigma", "sigma_hat"):
        out[f"step.{key}"] = torch.stack([torch.as_tensor(s[key]) for s in steps])  # [t_enc, ...]
    return {k: v.detach().to(torch.float64).numpy() for k, v in out.items()}, draws, t_enc


def max_abs(a, b):
    return float(np.max(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64)))) if np.size(a) else 0.0


def within(got, ref, tol):
    return bool(np.all(np.abs(got.astype(np.float64) - ref) <= tol["atol"] + tol["rtol"] * np.abs(ref)))


# --- validation against the shipped golden cases ----------------------------------------------------------------------

def validate(model, golden, manifest, versions, load_img, prompt_module):
    failures = []
    cases = manifest["cases"]
    tokenizer = model.cond_stage_model
    for c in (c for c in cases if c["kind"] == "tokenizer"):
        ref = safetensors_io.read(golden / c["file"])[c["outputs"]["input_ids"]["tensor"]]
        try:
            got = tokenizer.token_ids([c["params"]["prompt"]]).numpy()
        except ValueError as e:  # the ftfy stand-in refuses what only real ftfy handles
            print(f"  {c['id']}: not checked ({e})")
            continue
        ok = np.array_equal(got, ref.reshape(got.shape))
        print(f"  {c['id']}: {'same ids' if ok else 'DIFFERENT ids'}")
        failures += [] if ok else [c["id"]]
    for c in (c for c in cases if c["kind"] == "text_encoder"):
        t = safetensors_io.read(golden / c["file"])
        ids = torch.from_numpy(t[c["inputs"]["input_ids"]["tensor"]].copy())
        ref = t[c["outputs"]["last_hidden_state"]["tensor"]].astype(np.float64)
        with torch.no_grad():
            got = model.cond_stage_model.transformer(ids).numpy()
        ok = within(got, ref, c["tolerance"])
        print(f"  {c['id']}: max |diff| {max_abs(got, ref):.3g} (atol {c['tolerance']['atol']}) {'ok' if ok else 'FAIL'}")
        failures += [] if ok else [c["id"]]
    for c in (c for c in cases if c["kind"] == "img2img_kdiffusion"):
        p = c["params"]
        version = next(k for k, v in manifest["generator"]["k_diffusion_variants"].items() if v["label"] == p["k_diffusion"])
        case = dict(p, sampler_fn=p["sampler"].removeprefix("sample_"))
        got, draws, _ = run_img2img(model, versions[version], case, golden / p["init_png"], load_img, prompt_module, torch.float32)
        t = safetensors_io.read(golden / c["file"])
        worst = []
        for role, spec in list(c["outputs"].items()) + [(r, c["inputs"][r]) for r in ("cond", "uncond", "sigmas", "x_start") if r in c["inputs"]]:
            if role not in got:
                continue
            ref = t[spec["tensor"]].astype(np.float64)
            tol = c["tolerance"][role] if role in c["tolerance"] else c["tolerance"].get("image")
            ok = within(got[role].reshape(ref.shape), ref, tol)
            worst.append(f"{role} {max_abs(got[role].reshape(ref.shape), ref):.2g}{'' if ok else ' FAIL'}")
            failures += [] if ok else [f"{c['id']} {role}"]
        same_draws = all(np.array_equal(d.numpy(), t[call["tensor"]]) for d, call in zip(draws.tensors, p["rng"]["calls"]))
        same_draws &= len(draws.calls) == len(p["rng"]["calls"])
        failures += [] if same_draws else [f"{c['id']} rng"]
        print(f"  {c['id']}: draws {'identical' if same_draws else 'DIFFERENT'}; " + ", ".join(worst))
    return failures


# --- the new cases ---------------------------------------------------------------------------------------------------

def make_init_png(path):
    """A smooth non-square RGB test card (not the shipped init), so the Lanczos resize to W x H is exercised."""
    y, x = np.mgrid[0:48, 0:80].astype(np.float64)
    r = 127.5 + 127.5 * np.sin(x / 9.0 + y / 23.0)
    g = 255.0 * ((x - 40) ** 2 + (y - 24) ** 2 < 15 ** 2) * 0.7 + 40.0 * (y / 47.0)
    b = 255.0 * (x / 79.0) * (1 - y / 47.0)
    checks = ((x // 8 + y // 8) % 2) * 30.0
    Image.fromarray(np.clip(np.stack([r, g, b], -1) + checks[..., None], 0, 255).astype(np.uint8), "RGB").save(path)


def round_up(v):
    """Up to two significant digits (1.106e-4 -> 1.2e-4, as the shipped tolerances read)."""
    unit = 10.0 ** (math.floor(math.log10(v)) - 1)
    return float(f"{math.ceil(v / unit) * unit:.2g}")


def tolerance_for(fp32, fp64):
    err = max_abs(fp32, fp64)
    atol = max(TOLERANCE_FLOOR, round_up(10 * err)) if err > 0 else TOLERANCE_FLOOR
    return {"atol": atol, "rtol": TOLERANCE_RTOL,
            "basis": f"max({TOLERANCE_FLOOR}, 10 x max|fp32 - fp64| of the reference run)",
            "fp32_vs_fp64_max_abs_err": float(f"{err:.4g}"), "ref_max_abs": float(f"{np.max(np.abs(fp32)):.6g}")}


def write_cases(model, golden_manifest, versions, load_img, prompt_module, out, commits):
    out.mkdir(parents=True, exist_ok=True)
    make_init_png(out / INIT_PNG)
    init_u8 = np.array(Image.open(out / INIT_PNG).convert("RGB")).astype(np.int64)
    variants = golden_manifest["generator"]["k_diffusion_variants"]
    runs = []
    for spec in CASES:
        kd = versions[spec["k_diffusion"]]
        case = dict(spec, sampler_fn=spec["deforum_sampler_name"])
        fp32, draws, t_enc = run_img2img(model, kd, case, out / INIT_PNG, load_img, prompt_module, torch.float32)
        runs.append((spec, kd, case, fp32, draws, t_enc))
    model.double()
    model.model.diffusion_model.dtype = torch.float64  # UNetModel casts its input to self.dtype (float32 unless use_fp16)
    entries, files = [], {}
    for spec, kd, case, fp32, draws, t_enc in runs:
        with float64_pass():
            fp64, _, _ = run_img2img(model, kd, case, out / INIT_PNG, load_img, prompt_module, torch.float64,
                                     replay=[t.numpy() for t in draws.tensors])
        inputs = ("init_image", "cond", "uncond", "sigmas")
        outputs = ("posterior_mean", "posterior_std", "init_latent", "x_start", "latent", "image",
                   "step.x", "step.denoised", "step.sigma", "step.sigma_hat")
        tensors = {"in.init_image_u8": init_u8}
        tensors.update({f"in.{k}": fp32[k].astype(np.float32) for k in inputs})
        tensors["in.posterior_noise"] = draws.tensors[0].numpy()
        tensors["in.sampler_noise"] = draws.tensors[2].numpy()
        tensors.update({(k if k.startswith("step.") else f"out.{k}"): fp32[k].astype(np.float32) for k in outputs})
        tensors.update({call["tensor"]: t.numpy() for call, t in zip(draws.calls, draws.tensors)})
        file = f"{spec['name']}.safetensors"
        safetensors_io.write(out / file, dict(sorted(tensors.items())))
        files[file] = {"bytes": (out / file).stat().st_size}

        def ref(name):
            return {"tensor": name, "dtype": safetensors_io.dtype_name(tensors[name]), "shape": list(tensors[name].shape)}
        params = {k: spec[k] for k in ("seed", "prompt", "negative_prompt", "cfg_scale", "W", "H")}
        params.update(n_samples=1, steps=spec["steps"], strength=spec["strength"], t_enc=t_enc,
                      sampler=f"sample_{spec['deforum_sampler_name']}", deforum_sampler_name=spec["deforum_sampler_name"],
                      k_diffusion=variants[spec["k_diffusion"]]["label"], init_png=INIT_PNG, scale_factor=0.18215)
        if spec.get("prompt_weighting"):
            params.update(prompt_weighting=True, normalize_prompt_weights=spec["normalize_prompt_weights"])
        params["conditioning"] = (
            "helpers/prompt.py::get_uc_and_c (deforum-art/deforum-stable-diffusion, prompt_weighting on): c and uc are "
            "weighted sums of the sub-prompts' embeddings" if spec.get("prompt_weighting") else
            "c = get_learned_conditioning([prompt]); uc = get_learned_conditioning([negative_prompt]) "
            "(0.7.1 generate()'s uncond_prompt; v0.4 always used '')")
        params["pipeline"] = golden_pipeline_note(golden_manifest)
        params["rng"] = {"generator": "torch default CPU generator (torch.Generator, mt19937-based); no other RNG is used",
                         "calls": draws.calls}
        entries.append({
            "id": f"img2img-regressions/{spec['name']}", "kind": "img2img_kdiffusion", "file": file, "params": params,
            "inputs": {k: ref(f"in.{k}") for k in ("init_image_u8",) + inputs + ("posterior_noise", "sampler_noise")},
            "outputs": {k: ref(k if k.startswith("step.") else f"out.{k}") for k in outputs},
            "tolerance": {k: tolerance_for(fp32[k], fp64[k]) for k in outputs},
        })
        print(f"  {spec['name']}: t_enc {t_enc}, {len(draws.calls)} draws, image fp32-fp64 {max_abs(fp32['image'], fp64['image']):.3g}")
    files[INIT_PNG] = {"bytes": (out / INIT_PNG).stat().st_size}
    manifest = {
        "format_version": 1, "set": "img2img regressions (issue 12, kind 1)",
        "description": ("img2img_kdiffusion cases in the format of ../shared/golden/manifest.json, on the same tiny "
                        "checkpoint (tiny-sd.ckpt, configs/tiny-sd-v1.yaml there), with prompts, negative prompts, "
                        "prompt weights, seeds, sizes and strengths unlike the shipped cases. Paths are relative to this folder."),
        "generator": {"script": "tools/reference/img2img/make_img2img_cases.py",
                      "command": "/usr/bin/python3 tools/reference/img2img/make_img2img_cases.py --validate --out tests/golden/img2img-regressions (see its README.md)",
                      "reference_commits": commits, "k_diffusion_variants": variants,
                      "text_encoder": "tools/reference/img2img/tiny_clip.py (HF CLIPTextModel forward restated; validated against the shipped text_encoder cases)",
                      "shims": {m: "stand-in (tools/reference/img2img/shims.py)" for m in ("einops", "pytorch_lightning", "taming", "torchdiffeq", "torchsde", "ftfy") if shims.is_shim(m)},
                      "torch": torch.__version__, "numpy": np.__version__, "torch_num_threads": torch.get_num_threads()},
        "conventions": golden_manifest["conventions"],
        "cases": entries, "files": files,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")


def golden_pipeline_note(golden_manifest):
    shipped = next(c for c in golden_manifest["cases"] if c["kind"] == "img2img_kdiffusion")
    return shipped["params"]["pipeline"] + " " + shipped["params"]["strength_mapping"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--src", default="/tmp/img2imgref-src", help="folder with the checkouts sd, kd0012, kd2208, deforum04, deforum07, clip")
    p.add_argument("--golden", default=str(HERE.parents[2].parent / "shared" / "golden"), help="the shipped golden folder")
    p.add_argument("--out", help="where to write the new cases (manifest.json, safetensors, the init PNG)")
    p.add_argument("--validate", action="store_true", help="reproduce the shipped cases first; write nothing if one fails")
    a = p.parse_args()
    torch.set_num_threads(1)
    shims.install()
    src, golden = Path(a.src), Path(a.golden)
    sys.path.insert(0, str(src / "sd"))
    manifest = json.loads((golden / "manifest.json").read_text())
    tokenizer = __import__("tiny_clip").load_simple_tokenizer(src / "clip", golden / manifest["models"]["sd1"]["vocab"])
    model = load_model(golden / manifest["models"]["sd1"]["config"], golden / "tiny-sd.ckpt", tokenizer)
    versions = KDiffusionCheckouts(src)
    load_img = function_from_notebook(src / "deforum04" / "Deforum_Stable_Diffusion.py", "load_img",
                                      {"Image": Image, "np": np, "torch": torch, "requests": None})
    prompt_module = module_from_file("deforum_prompt", src / "deforum07" / "helpers" / "prompt.py")
    if a.validate:
        print("validating against the shipped golden cases:")
        failures = validate(model, golden, manifest, versions, load_img, prompt_module)
        if failures:
            raise SystemExit(f"the reference does not reproduce the shipped cases: {failures}")
    if a.out:
        commits = {k: v for k, v in manifest["generator"]["reference_commits"].items() if "/" in k}
        commits["deforum-art/deforum-stable-diffusion (helpers/prompt.py)"] = DEFORUM07_COMMIT
        print(f"writing {a.out}:")
        write_cases(model, manifest, versions, load_img, prompt_module, Path(a.out), commits)


if __name__ == "__main__":
    main()
