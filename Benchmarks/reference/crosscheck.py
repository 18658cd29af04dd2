"""PyTorch's numbers (float64) for a few fixed computations, compared by hand
with the same computations through the engine's internals (Network,
BatchNorm, GELU, label-smoothed cross-entropy, Optimizer); the figures of
both and the comparison are recorded in BENCHMARKS.md, engine section.

    .venv-bench/bin/python Benchmarks/reference/crosscheck.py

Inputs are deterministic formulas, so no random state needs sharing:
x[i][j] = sin(i * 0.7 + j * 1.3), w[i][j] = cos(i * 0.5 - j * 0.9) * 0.4.
"""
import math

import torch

torch.set_default_dtype(torch.float64)


def grid(rows, cols, f):
    return torch.tensor([[f(i, j) for j in range(cols)] for i in range(rows)])


x = grid(5, 3, lambda i, j: math.sin(i * 0.7 + j * 1.3))
w1 = grid(3, 4, lambda i, j: math.cos(i * 0.5 - j * 0.9) * 0.4)
w2 = grid(4, 3, lambda i, j: math.cos(i * 0.3 + j * 1.1) * 0.4)
labels = torch.tensor([0, 2, 1, 1, 0])

# 1. Dense -> BatchNorm (train) -> GELU -> Dense, cross-entropy with label smoothing 0.1.
w1.requires_grad_(True)
w2.requires_grad_(True)
bn = torch.nn.BatchNorm1d(4, momentum=0.1, eps=1e-5)
hidden = torch.nn.functional.gelu(bn(x @ w1))
loss = torch.nn.functional.cross_entropy(hidden @ w2, labels, label_smoothing=0.1)
loss.backward()
print(f"loss {loss.item():.7f}")
print("dW1[0,:] " + " ".join(f"{v:.7f}" for v in w1.grad[0].tolist()))
print("dW2[:,0] " + " ".join(f"{v:.7f}" for v in w2.grad[:, 0].tolist()))
print("running_mean " + " ".join(f"{v:.7f}" for v in bn.running_mean.tolist()))
print("running_var " + " ".join(f"{v:.7f}" for v in bn.running_var.tolist()))

# 2. Three AdamW steps (lr 0.01, wd 0.1) on w2 with the gradient above held fixed.
p = w2.detach().clone().requires_grad_(True)
optimizer = torch.optim.AdamW([p], lr=0.01, weight_decay=0.1)
for _ in range(3):
    optimizer.zero_grad()
    p.grad = w2.grad.clone()
    optimizer.step()
print("adamw3 W2[:,0] " + " ".join(f"{v:.7f}" for v in p[:, 0].tolist()))
