"""Which version of the tutorial's sine setup overflows within ten epochs?

The setup printed in a popular regularization tutorial: 50 points of
sin(x) + N(0, 0.3^2), x ~ U(-3, 3); an MLP with weights N(0, 1) * 0.5 and
zero biases, ReLU, plain full-batch gradient descent with lr 0.005. The text
does not pin down the architecture or whether the loss is a mean or a sum,
so this tries the plausible readings and prints, for each, the first epoch
whose loss is not finite (or the loss after ten epochs).

    python3 Benchmarks/reference/divergence_check.py

Needs only numpy. Not used by the tests; the engine's divergence test uses
the configuration this script shows to overflow.
"""
import numpy as np


def sine(seed, n=50):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-3, 3, size=(n, 1))
    y = np.sin(x) + rng.normal(0, 0.3, size=(n, 1))
    return x, y


def run(hidden, reduction, dtype, seed, standardize, epochs=10, lr=0.005, scale=0.5):
    x, y = sine(seed)
    if standardize:
        x = (x - x.mean()) / x.std()
    x, y = x.astype(dtype), y.astype(dtype)
    rng = np.random.default_rng(seed + 1000)
    sizes = [1] + hidden + [1]
    weights = [(rng.normal(0, 1, size=(a, b)) * scale).astype(dtype) for a, b in zip(sizes, sizes[1:])]
    biases = [np.zeros((1, b), dtype) for b in sizes[1:]]
    with np.errstate(all="ignore"):
        for epoch in range(1, epochs + 1):
            activations = [x]
            for i, (w, b) in enumerate(zip(weights, biases)):
                z = activations[-1] @ w + b
                activations.append(np.maximum(z, 0) if i < len(weights) - 1 else z)
            error = activations[-1] - y
            loss = (error ** 2).mean() if reduction == "mean" else (error ** 2).sum()
            if not np.isfinite(loss):
                return f"overflow at epoch {epoch}"
            grad = 2 * error / (len(x) if reduction == "mean" else 1)
            for i in reversed(range(len(weights))):
                dw = activations[i].T @ grad
                db = grad.sum(0, keepdims=True)
                if i > 0:
                    grad = (grad @ weights[i].T) * (activations[i] > 0)
                weights[i] -= lr * dw
                biases[i] -= lr * db
    return f"finite after {epochs} epochs, loss {float(loss):.4g}"


if __name__ == "__main__":
    for standardize in (False, True):
        for reduction in ("mean", "sum"):
            for hidden in ([64, 64], [64, 64, 64], [128, 128, 128], [100, 100, 100, 100]):
                outcomes = [run(hidden, reduction, np.float32, seed, standardize) for seed in range(5)]
                label = "-".join(map(str, [1] + hidden + [1]))
                print(f"x {'standardized' if standardize else 'raw'}, {reduction:4} loss, {label:18}: " + "; ".join(outcomes))
