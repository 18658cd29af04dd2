"""A Keras callback that logs every epoch to `tracker exec` through track.py.

    tracker exec --param lr=1e-3 -- python3 examples/python/keras_callback.py --lr {lr}

Needs tensorflow or keras 3 (not needed by the tracker, and not run in CI).
"""
import argparse, os, sys
import numpy as np
import keras
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from track import track


class TrackerCallback(keras.callbacks.Callback):
    """Sends Keras' logs (loss, val_loss, accuracy, ...) as one step per epoch,
    and the best weights as a checkpoint when val_loss improves."""

    def __init__(self, checkpoint="best.weights.h5"):
        super().__init__()
        self.checkpoint = checkpoint
        self.best = float("inf")

    def on_train_begin(self, logs=None):
        track(params={"optimizer": type(self.model.optimizer).__name__.lower()})

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        # Keras' "loss" is the training-mode batch mean: the tracker's train_loss.
        names = {"loss": "train_loss", "accuracy": "train_acc", "val_accuracy": "val_acc"}
        metrics = {names.get(k, k): float(v) for k, v in logs.items()}
        track(step=epoch + 1, metrics=metrics)
        if metrics.get("val_loss", float("inf")) < self.best:
            self.best = metrics["val_loss"]
            self.model.save_weights(self.checkpoint)
            track(step=epoch + 1, checkpoint=self.checkpoint, kind="best")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args()
    rng = np.random.default_rng(int(os.environ.get("TRACKER_SEED", "0")))
    x = rng.normal(size=(1024, 20)).astype("float32")
    y = (x[:, :5].sum(axis=1) > 0).astype("float32")
    model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dropout(0.2), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.AdamW(args.lr), loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x, y, validation_split=0.2, epochs=args.epochs, verbose=2, callbacks=[TrackerCallback()])
