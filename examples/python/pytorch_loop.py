"""A plain PyTorch training loop logging to `tracker exec` through track.py.

    tracker exec --param lr=1e-3 --param wd=1e-4 --param epochs=30 -- \
        python3 examples/python/pytorch_loop.py --lr {lr} --wd {wd} --epochs {epochs}

Needs torch (not needed by the tracker, and not run in CI).
"""
import argparse, os, sys
import torch
from torch import nn
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from track import track

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--wd", type=float, default=0.0)
parser.add_argument("--epochs", type=int, default=30)
parser.add_argument("--seed", type=int, default=int(os.environ.get("TRACKER_SEED", "0")))
args = parser.parse_args()

torch.manual_seed(args.seed)
x = torch.randn(1024, 20)
y = (x[:, :5].sum(dim=1, keepdim=True) > 0).float()
train_x, val_x, train_y, val_y = x[:800], x[800:], y[:800], y[800:]
model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, 1))
optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.wd)
loss_fn = nn.BCEWithLogitsLoss()
track(params={"optimizer": "adamw", "hidden": "64", "dropout": 0.2})

best = float("inf")
for epoch in range(1, args.epochs + 1):
    model.train()
    for start in range(0, len(train_x), 64):
        optimizer.zero_grad()
        loss = loss_fn(model(train_x[start:start + 64]), train_y[start:start + 64])
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        train_loss = loss_fn(model(train_x), train_y).item()
        val_logits = model(val_x)
        val_loss = loss_fn(val_logits, val_y).item()
        val_acc = ((val_logits > 0).float() == val_y).float().mean().item()
    track(step=epoch, metrics={"train_eval_loss": train_loss, "val_loss": val_loss, "val_acc": val_acc})
    if val_loss < best:
        best = val_loss
        torch.save(model.state_dict(), "best.pt")
        # tracker exec reads the file at once: the next best may overwrite it.
        track(step=epoch, checkpoint="best.pt", kind="best")
        track(kept_step=epoch)
