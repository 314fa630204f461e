"""PyTorch counterparts of the binding benchmarks (op-overhead, conv2d, sgemm-1024, safetensors-load, ckpt-load).

Run with Debian's python3-torch (1.13, the same libtorch the shim links):
    python3 bench/python/torch_ops.py NAME [golden_dir]
Prints one JSON line like the C# runner: {"name", "median_ms", "runs"}.
"""
import ctypes
import json
import os
import statistics
import sys
import time

import torch

torch.set_num_threads(int(os.environ.get("DEFORUM_NUM_THREADS", os.cpu_count())))
OPS = 10_000


def op_overhead():
    a, b = torch.ones(4), torch.ones(4)

    def run():
        for _ in range(OPS):
            a + b
    return run, 1, 5


def conv2d():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(2, 320, 64, 64, generator=g)
    w = torch.randn(320, 320, 3, 3, generator=g) * 0.02
    b = torch.zeros(320)
    return (lambda: torch.nn.functional.conv2d(x, w, b, padding=1)), 1, 5


def sgemm():
    g = torch.Generator().manual_seed(0)
    a, b = torch.randn(1024, 1024, generator=g), torch.randn(1024, 1024, generator=g)
    return (lambda: a @ b), 1, 10


def blas_core():
    """The OpenBLAS core this process runs (libtorch's libblas.so.3 is already loaded), or "" for another BLAS."""
    try:
        fn = ctypes.CDLL("libblas.so.3").openblas_get_corename
    except (OSError, AttributeError):
        return ""
    fn.restype = ctypes.c_char_p
    return fn().decode()


def load(file):
    path = os.path.join(GOLDEN, file)

    def run():
        if file.endswith(".safetensors"):
            read_safetensors(path)
        else:
            torch.load(path, map_location="cpu")
    return run, 1, 10


def read_safetensors(path):
    # the safetensors package is not installed here: a minimal reader with the same work (parse, copy out)
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
        data = f.read()
    types = {"F32": torch.float32, "F16": torch.float16, "I64": torch.int64}
    out = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        s, e = v["data_offsets"]
        out[k] = torch.frombuffer(bytearray(data[s:e]), dtype=types[v["dtype"]]).reshape(v["shape"])
    return out


def stand_in_lightning():
    """The golden .ckpt pickles a pytorch_lightning ModelCheckpoint; an inert stand-in lets torch.load read it."""
    import types
    for name in ("pytorch_lightning", "pytorch_lightning.callbacks", "pytorch_lightning.callbacks.model_checkpoint"):
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["pytorch_lightning.callbacks.model_checkpoint"].ModelCheckpoint = type("ModelCheckpoint", (), {})


stand_in_lightning()
GOLDEN = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "golden")
BENCHES = {
    "op-overhead": op_overhead,
    "conv2d": conv2d,
    "sgemm-1024": sgemm,
    "safetensors-load": lambda: load("tiny-sd.safetensors"),
    "ckpt-load": lambda: load("tiny-sd.ckpt"),
}

if __name__ == "__main__":
    name = sys.argv[1]
    with torch.inference_mode():
        fn, warmup, runs = BENCHES[name]()
        for _ in range(warmup):
            fn()
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
    result = {"name": name, "median_ms": round(statistics.median(times), 4), "runs": runs, "impl": "pytorch " + torch.__version__,
              "times_ms": [round(t, 2) for t in times]}
    if name == "op-overhead":
        result["us_per_op"] = round(statistics.median(times) * 1000 / OPS, 3)
    if name == "sgemm-1024":
        result["gflops"] = round(2 * 1024 ** 3 / (statistics.median(times) * 1e6), 1)
        result["blas_core"] = blas_core()
    print(json.dumps(result))
