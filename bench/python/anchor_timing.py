"""The timing harness every PyTorch anchor in bench/python shares, written for this repo.

Seeded N(0, 1/fan_in) weights, fp32, inference mode, 2 threads (DEFORUM_NUM_THREADS, as the C# side); 1 warm-up (or as many as the case says), then the median of the timed runs
(wall and process CPU time) and the peak RSS, printed as one JSON line like the C# benchmarks print.
"""
import json
import math
import os
import resource
import statistics
import time

import torch


def random_weights(net, seed=1234):
    torch.manual_seed(seed)
    with torch.no_grad():
        for p in net.parameters():
            if p.dim() > 1:
                p.normal_(0, 1 / math.sqrt(p[0].numel()))
    return net.eval()


def time_forward(name, forward, runs, warmup=1):
    torch.set_num_threads(int(os.environ.get("DEFORUM_NUM_THREADS", 2)))
    times, cpu = [], []
    with torch.inference_mode():
        for _ in range(warmup):
            forward()
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            forward()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"name": f"pytorch-{name}", "median_ms": round(statistics.median(times), 4), "runs": len(times),
                      "min_ms": round(min(times), 4), "median_cpu_ms": round(statistics.median(cpu), 1),
                      "peak_rss_mb": round(peak_mb, 1), "torch": torch.__version__,
                      "times_ms": [round(t, 2) for t in times]}))
