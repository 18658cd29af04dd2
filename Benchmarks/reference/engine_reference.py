"""Reference figures for the `engine` benchmark: PyTorch (2 threads) and a
plain NumPy MLP (float32), the same workloads as EngineBenchmark.swift.

    python3 Benchmarks/reference/engine_reference.py          # sets up .venv-bench, prints a table
    python3 Benchmarks/reference/engine_reference.py --json   # what tracker-bench reads
    python3 Benchmarks/reference/engine_reference.py --only sine_3000_epochs

Without torch importable, the script creates a throwaway virtual environment
.venv-bench/ (gitignored; system site packages for numpy) and installs
torch==2.13.0+cpu into it from the machine's local wheel folder, then re-runs
itself there. Never needed by the tests.

Every workload does what the Swift trainer does per epoch: the training
steps, then a forward pass over the validation rows when there are any.
Times are medians; sgemm figures are GFLOP/s.
"""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.path.join(ROOT, ".venv-bench")


def ensure_torch():
    try:
        # Only checks: the modules are imported for use below.
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(python):
        sys.exit("torch is missing from .venv-bench; delete it and run again")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", "--system-site-packages", VENV], stdout=sys.stderr)
        subprocess.check_call([python, "-m", "pip", "install", "-q", "numpy", "torch==2.13.0+cpu"], stdout=sys.stderr)
    os.execv(python, [python] + sys.argv)


os.environ.setdefault("OMP_NUM_THREADS", "2")  # before torch or numpy load their thread pools
ensure_torch()
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(2)


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def sgemm(m, n, k):
    rng = np.random.default_rng(1)
    a = rng.random((m, k), dtype=np.float32)
    b = rng.random((k, n), dtype=np.float32)
    ta, tb = torch.from_numpy(a), torch.from_numpy(b)
    repetitions = max(3, min(50, int(2e10 / (2 * m * n * k))))
    result = {}
    for name, run in (("numpy", lambda: a @ b), ("torch", lambda: ta @ tb)):
        run()
        times = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(repetitions):
                run()
            times.append((time.perf_counter() - start) / repetitions)
        result[name] = 2 * m * n * k / median(times) / 1e9
    return result


class NumpyMLP:
    """A hand-written float32 MLP: ReLU, inverted dropout, MSE or softmax
    cross-entropy, Adam / AdamW with decoupled decay on weights only."""

    def __init__(self, sizes, seed, dropout=0.0, lr=1e-3, wd=0.0, decoupled=False):
        rng = np.random.default_rng(seed)
        self.rng = rng
        self.weights = [(rng.standard_normal((a, b)) * np.sqrt(2 / a)).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
        self.biases = [np.zeros(b, np.float32) for b in sizes[1:]]
        self.params = self.weights + self.biases
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.t = 0
        self.dropout, self.lr, self.wd, self.decoupled = dropout, lr, wd, decoupled

    def forward(self, x, training):
        cache = []
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = x @ w + b
            if i == len(self.weights) - 1:
                cache.append((x, None, None))
                return z, cache
            h = np.maximum(z, 0)
            mask = None
            if training and self.dropout > 0:
                mask = (self.rng.random(h.shape, dtype=np.float32) >= self.dropout).astype(np.float32) / (1 - self.dropout)
                h = h * mask
            cache.append((x, z, mask))
            x = h

    def step(self, x, y, classification):
        out, cache = self.forward(x, True)
        if classification:
            shifted = out - out.max(1, keepdims=True)
            p = np.exp(shifted)
            p /= p.sum(1, keepdims=True)
            grad = p
            grad[np.arange(len(y)), y] -= 1
            grad /= len(y)
        else:
            grad = 2 * (out - y) / out.size
        grads_w, grads_b = [None] * len(self.weights), [None] * len(self.weights)
        for i in reversed(range(len(self.weights))):
            x_in, z, mask = cache[i]
            if z is not None:
                if mask is not None:
                    grad = grad * mask
                grad = grad * (z > 0)
            grads_w[i] = x_in.T @ grad
            grads_b[i] = grad.sum(0)
            if i > 0:
                grad = grad @ self.weights[i].T
        self.t += 1
        b1, b2, eps = 0.9, 0.999, 1e-8
        for index, (p, g) in enumerate(zip(self.params, grads_w + grads_b)):
            is_weight = index < len(self.weights)
            if is_weight and self.wd and self.decoupled:
                p *= 1 - self.lr * self.wd
            self.m[index] = b1 * self.m[index] + (1 - b1) * g
            self.v[index] = b2 * self.v[index] + (1 - b2) * g * g
            m_hat = self.m[index] / (1 - b1 ** self.t)
            v_hat = self.v[index] / (1 - b2 ** self.t)
            p -= (self.lr * m_hat / (np.sqrt(v_hat) + eps)).astype(np.float32)


def torch_mlp(sizes, dropout):
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
            if dropout:
                layers.append(torch.nn.Dropout(dropout))
    return torch.nn.Sequential(*layers)


def run_epochs(engine, sizes, x, y, x_val, batch, epochs, classification, dropout=0.0, lr=1e-3, wd=0.0, adamw=False):
    """Seconds per epoch for each epoch (train steps plus a validation forward)."""
    rows = len(x)
    rng = np.random.default_rng(0)
    times = []
    if engine == "numpy":
        model = NumpyMLP(sizes, 0, dropout, lr, wd, adamw)
        for _ in range(epochs):
            start = time.perf_counter()
            order = rng.permutation(rows) if batch < rows else np.arange(rows)
            for s in range(0, rows, batch):
                index = order[s:s + batch]
                model.step(x[index] if batch < rows else x, y[index] if batch < rows else y, classification)
            if x_val is not None:
                model.forward(x_val, False)
            times.append(time.perf_counter() - start)
        return times
    model = torch_mlp(sizes, dropout)
    optimizer = (torch.optim.AdamW if adamw else torch.optim.Adam)(model.parameters(), lr=lr, weight_decay=wd)
    loss_fn = torch.nn.CrossEntropyLoss() if classification else torch.nn.MSELoss()
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    tv = torch.from_numpy(x_val) if x_val is not None else None
    for _ in range(epochs):
        start = time.perf_counter()
        model.train()
        order = torch.from_numpy(rng.permutation(rows)) if batch < rows else None
        for s in range(0, rows, batch):
            xb, yb = (tx[order[s:s + batch]], ty[order[s:s + batch]]) if order is not None else (tx, ty)
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        if tv is not None:
            model.eval()
            with torch.no_grad():
                model(tv)
        times.append(time.perf_counter() - start)
    return times


def sine():
    rng = np.random.default_rng(2)
    x = rng.uniform(-3, 3, (50, 1)).astype(np.float32)
    y = (np.sin(x) + rng.normal(0, 0.3, (50, 1))).astype(np.float32)
    x_val = rng.uniform(-3, 3, (50, 1)).astype(np.float32)
    result = {}
    for engine in ("numpy", "torch"):
        totals = [sum(run_epochs(engine, [1, 64, 64, 64, 1], x, y, x_val, 50, 3000, False, lr=1e-2)) for _ in range(3)]
        result[engine] = median(totals)
    return result


def classification_epoch(features, hidden, classes, rows, batch, dropout, epochs):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((rows, features), dtype=np.float32)
    y = rng.integers(0, classes, rows)
    sizes = [features] + hidden + [classes]
    return {engine: median(run_epochs(engine, sizes, x, y, None, batch, epochs, True, dropout, 1e-3, 1e-2, True)[1:])
            for engine in ("numpy", "torch")}


WORKLOADS = {
    "sgemm_1024": lambda: sgemm(1024, 1024, 1024),
    "sgemm_128x784x256": lambda: sgemm(128, 256, 784),
    "sine_3000_epochs": sine,
    "digits_epoch": lambda: classification_epoch(64, [128, 128], 10, 1078, 32, 0.3, 30),
    "mnist_epoch": lambda: classification_epoch(784, [256, 256], 10, 60_000, 128, 0.0, 3),
}


def main():
    # --only KEY[,KEY]: the benchmark measures each workload right next to its
    # own, so that both sides see the same load on a shared machine.
    only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else list(WORKLOADS)
    unknown = [key for key in only if key not in WORKLOADS]
    if unknown:
        sys.exit(f"unknown workload {unknown[0]}; workloads are {', '.join(WORKLOADS)}")
    results = {key: WORKLOADS[key]() for key in only}
    if "--json" in sys.argv:
        print(json.dumps(results))
        return
    print(f"torch {torch.__version__} ({torch.get_num_threads()} threads), numpy {np.__version__}")
    for key, value in results.items():
        unit = "GFLOP/s" if key.startswith("sgemm") else "s"
        print(f"  {key:20} torch {value['torch']:10.4f} {unit}   numpy {value['numpy']:10.4f} {unit}")


if __name__ == "__main__":
    main()
