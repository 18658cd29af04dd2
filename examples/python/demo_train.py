"""A stdlib-only training loop logging through track.py: fits y = 2x + 1 by
gradient descent. Deterministic for a seed; a test runs it under
`tracker exec` and reads the run back.

    tracker exec --param lr=0.1 --param epochs=20 --seed 1 -- \
        python3 examples/python/demo_train.py --lr {lr} --epochs {epochs} --seed {seed}
"""
import argparse, json, os, random, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from track import track

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, default=0.1)
parser.add_argument("--epochs", type=int, default=20)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--checkpoint", default="demo_model.json")
args = parser.parse_args()

rng = random.Random(args.seed)
data = [(x, 2 * x + 1 + rng.gauss(0, 0.1)) for x in (rng.uniform(-1, 1) for _ in range(64))]
train, val = data[:48], data[48:]
w, b = 0.0, 0.0
track(params={"model": "linear", "train_rows": len(train)})

def mse(rows):
    return sum((w * x + b - y) ** 2 for x, y in rows) / len(rows)

best = None
for epoch in range(1, args.epochs + 1):
    gw = sum(2 * (w * x + b - y) * x for x, y in train) / len(train)
    gb = sum(2 * (w * x + b - y) for x, y in train) / len(train)
    w, b = w - args.lr * gw, b - args.lr * gb
    train_loss, val_loss = mse(train), mse(val)
    track(step=epoch, metrics={"train_loss": train_loss, "val_loss": val_loss})
    if best is None or val_loss < best:
        best = val_loss
        with open(args.checkpoint, "w") as f:
            json.dump({"w": w, "b": b, "epoch": epoch}, f)
        track(step=epoch, checkpoint=args.checkpoint, kind="best")
        track(kept_step=epoch)
    print(f"epoch {epoch}: train_loss={train_loss:.4f} val_loss={val_loss:.4f}")
track(tags=["demo"])
