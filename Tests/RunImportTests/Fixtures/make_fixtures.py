#!/usr/bin/env python3
"""Makes the RunImport test fixtures with the real packages.

Run from this directory with a venv OUTSIDE the repository:

    python3 -m venv ../venv-fixtures      # any directory outside the repository
    ../venv-fixtures/bin/pip install mlflow tensorboard tensorboardX
    ../venv-fixtures/bin/python make_fixtures.py mlflow3 tensorboard
    python3 -m venv ../venv-mlflow2 && ../venv-mlflow2/bin/pip install 'mlflow<3'
    ../venv-mlflow2/bin/python make_fixtures.py mlflow2

and, for the throughput figure only (NOT committed):

    ../venv-fixtures/bin/python make_fixtures.py big /tmp/mlflow-big.db

Committed files were made with: mlflow 3.17.2 (mlflow3.db), mlflow 2.x
(mlflow2.db; the exact version is in fixtures-versions.txt), tensorboard
2.21.0 and tensorboardX 2.6.5 (tensorboard/). PyTorch was not installed
(its PyPI wheel pulls gigabytes of CUDA libraries): tensorboardX's
SummaryWriter is the class torch.utils.tensorboard.SummaryWriter was copied
from, and writes the same records (simple_value scalars; add_hparams into a
time-stamped subdirectory with the hparams plugin).

Everything is seeded: values, timestamps and even MLflow's run ids (uuid4
is replaced by a seeded generator), so a rerun makes the same databases.
Event file names and the add_hparams subdirectory name hold the host name
and the clock, as they do for users; the tests never depend on them.
"""
import json
import math
import os
import random
import shutil
import struct
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
BASE_MS = 1_700_000_000_000  # 2023-11-14T22:13:20Z


def typed(value):
    """A param as the reader must type it: MLflow keeps the text str(value)."""
    text = str(value)
    for kind, parse in (("int", int), ("real", float)):
        try:
            return {"type": kind, "value": parse(text)}
        except ValueError:
            pass
    return {"type": "text", "value": text}


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, sort_keys=True)
        f.write("\n")


def seeded_uuids(seed):
    rng = random.Random(seed)
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)


def make_mlflow(path):
    """Two experiments, five runs (finished, failed, running, killed, and a deleted one)."""
    seeded_uuids(12)
    import mlflow
    from mlflow.tracking import MlflowClient
    from mlflow.entities import Metric, Param, RunTag

    if os.path.exists(path):
        os.remove(path)
    client = MlflowClient(tracking_uri="sqlite:///" + path)
    expected = []  # what the tests must read back, written beside the store
    baseline = client.create_experiment("digits-baseline")
    dropout = client.create_experiment("digits-dropout")
    rng = random.Random(7)

    def run(experiment, name, start_offset_ms, params, tags, status, epochs, nan_at=None, duplicate_at=None, group=None):
        start = BASE_MS + start_offset_ms
        r = client.create_run(experiment, start_time=start, run_name=name, tags=tags)
        run_id = r.info.run_id
        client.log_batch(run_id, params=[Param(k, str(v)) for k, v in params.items()])
        metrics = []
        for step in range(epochs):
            t = start + 1000 * (step + 1)
            train = round(2.0 * math.exp(-0.3 * step) + rng.uniform(0, 0.05), 6)
            val = round(train + 0.1 + rng.uniform(0, 0.05), 6)
            if nan_at == step:
                val = float("nan")
            metrics.append(Metric("train_loss", train, t, step))
            metrics.append(Metric("val_loss", val, t, step))
        if duplicate_at is not None:
            # MLflow keeps several values at one step; the later one must win.
            metrics.append(Metric("train_loss", 0.123456, start + 1000 * (duplicate_at + 1) + 500, duplicate_at))
        client.log_batch(run_id, metrics=metrics)
        end = None
        if status != "RUNNING":
            end = start + 1000 * (epochs + 1)
            client.set_terminated(run_id, status=status, end_time=end)
        kept = {}
        for m in sorted(metrics, key=lambda m: m.timestamp):  # the latest timestamp wins
            kept[(m.key, m.step)] = m
        expected.append({
            "name": name, "group": group, "status": status.lower(), "start_ms": start, "end_ms": end,
            "params": {k: typed(v) for k, v in params.items()},
            "tags": {k: v for k, v in tags.items() if not k.startswith("mlflow.")},
            "notes": tags.get("mlflow.note.content"), "git_commit": tags.get("mlflow.source.git.commit"),
            # Values as hex floats: exact in any JSON reader.
            "metrics": [[m.key, m.step, None if math.isnan(m.value) else float(m.value).hex(), m.timestamp]
                        for _, m in sorted(kept.items())],
        })
        return run_id

    run(baseline, "baseline-wd0", 0,
        {"lr": 0.001, "batch_size": 32, "optimizer": "adamw", "wd": "1e-4"},
        {"team": "vision", "mlflow.note.content": "first try, no regularization",
         "mlflow.source.git.commit": "3f2c9a1b7d4e5f60718293a4b5c6d7e8f9012345"},
        "FINISHED", 5, duplicate_at=2, group="digits-baseline")
    run(baseline, "diverged", 60_000, {"lr": 0.5, "batch_size": 32, "optimizer": "sgd"},
        {"team": "vision"}, "FAILED", 4, nan_at=3, group="digits-baseline")
    run(dropout, "dropout-0.3", 120_000, {"lr": 0.001, "dropout": 0.3, "optimizer": "adamw"},
        {}, "RUNNING", 3, group="digits-dropout")
    run(dropout, "dropout-0.5", 180_000, {"lr": 0.001, "dropout": 0.5, "optimizer": "adamw"},
        {}, "KILLED", 2, group="digits-dropout")
    gone = run(dropout, "deleted-run", 240_000, {"lr": 0.1}, {}, "FINISHED", 1)
    client.delete_run(gone)
    expected[-1]["deleted"] = True
    shutil.rmtree(os.path.join(os.getcwd(), "mlruns"), ignore_errors=True)  # MLflow 2's default artifact root
    write_json(path[:-3] + "-expected.json", expected)
    compact(path)
    print(f"{path}: mlflow {mlflow.__version__}")
    return mlflow.__version__


def compact(path):
    """Repacks the store with 512-byte pages so that it is small to commit.

    MLflow 3 makes 65 tables and 152 indexes, one 4 KB page each at least:
    nearly 1 MB for a handful of runs. VACUUM rewrites the same schema and
    rows into smaller pages; MLflow itself reads the result unchanged.
    """
    import sqlite3
    connection = sqlite3.connect(path)
    # MLflow stores absolute artifact paths; the committed files must not
    # carry the machine they were made on, so the directory becomes ".".
    here = os.getcwd()
    connection.execute("UPDATE experiments SET artifact_location = replace(artifact_location, ?, '.')", (here,))
    connection.execute("UPDATE runs SET artifact_uri = replace(artifact_uri, ?, '.')", (here,))
    connection.commit()
    connection.execute("PRAGMA page_size = 512")
    connection.execute("VACUUM")
    connection.close()


def make_big(path, runs=100, keys=4, steps=1000):
    """The throughput store: runs x keys x steps points, written straight in batches."""
    seeded_uuids(99)
    from mlflow.tracking import MlflowClient
    from mlflow.entities import Metric
    if os.path.exists(path):
        os.remove(path)
    client = MlflowClient(tracking_uri="sqlite:///" + path)
    experiment = client.create_experiment("big")
    rng = random.Random(3)
    for index in range(runs):
        run_id = client.create_run(experiment, start_time=BASE_MS, run_name=f"run-{index}").info.run_id
        points = [Metric(f"metric_{k}", rng.random(), BASE_MS + step, step)
                  for step in range(steps) for k in range(keys)]
        for start in range(0, len(points), 1000):
            client.log_batch(run_id, metrics=points[start:start + 1000])
        client.set_terminated(run_id, "FINISHED", end_time=BASE_MS + steps)
    print(f"{path}: {runs * keys * steps} points")


def make_tensorboard(root):
    from tensorboardX import SummaryWriter
    import tensorboard
    import tensorboardX
    from tensorboard.compat.proto.event_pb2 import Event
    from tensorboard.compat.proto.summary_pb2 import Summary, SummaryMetadata
    from tensorboard.compat.proto.tensor_pb2 import TensorProto
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    shutil.rmtree(root, ignore_errors=True)
    rng = random.Random(5)
    expected = {}

    def expect(run, tag, step, value, wall):
        # Values as hex floats: exact in any JSON reader.
        expected.setdefault(run, {"params": {}, "metrics": []})["metrics"].append([tag, step, float(value).hex(), wall])

    # run-a: PyTorch-style simple_value scalars, then add_hparams (subdirectory).
    writer = SummaryWriter(logdir=os.path.join(root, "run-a"))
    for step in range(10):
        wall = BASE_MS / 1000 + step
        train = round(1.0 / (step + 1) + rng.uniform(0, 0.01), 4)
        val = round(1.2 / (step + 1) + rng.uniform(0, 0.01), 4)
        writer.add_scalar("train/loss", train, step, walltime=wall)
        writer.add_scalar("val/loss", val, step, walltime=wall)
        # simple_value is a float32: the reader returns the float32 widened.
        expect("run-a", "train/loss", step, float(struct.unpack("<f", struct.pack("<f", train))[0]), wall)
        expect("run-a", "val/loss", step, float(struct.unpack("<f", struct.pack("<f", val))[0]), wall)
    writer.add_hparams({"lr": 0.01, "batch_size": 64, "optimizer": "sgd", "nesterov": True},
                       {"hparam/val_loss": 0.125})
    # google.protobuf.Value holds numbers as doubles and bools as bools.
    expected["run-a"]["params"] = {"lr": {"type": "real", "value": 0.01}, "batch_size": {"type": "real", "value": 64.0},
                                   "optimizer": {"type": "text", "value": "sgd"}, "nesterov": {"type": "text", "value": "true"}}
    expect("run-a", "hparam/val_loss", 0, 0.125, None)  # written at the clock's time, not ours
    writer.close()

    # sweep/run-b: TF2 tf.summary.scalar style rank-0 tensors, plugin "scalars",
    # metadata only on a tag's first value (as TensorFlow writes it), in two files.
    run_b = os.path.join(root, "sweep", "run-b")
    def tensor_value(tag, value, step, first, dtype):
        if dtype == "float":   # TF's C++ writer: tensor_content, little-endian
            tensor = TensorProto(dtype=1, tensor_content=struct.pack("<f", value))
        else:                  # double_val, as make_tensor_proto writes a double
            tensor = TensorProto(dtype=2, double_val=[value])
        tensor.tensor_shape.SetInParent()  # rank 0: a shape with no dims
        v = Summary.Value(tag=tag, tensor=tensor)
        if first:
            v.metadata.CopyFrom(SummaryMetadata(plugin_data=SummaryMetadata.PluginData(plugin_name="scalars"), data_class=1))
        return v
    for part, steps in enumerate([range(0, 3), range(3, 6)]):
        writer = EventFileWriter(run_b, filename_suffix=f".part{part}")
        for step in steps:
            values = [tensor_value("accuracy", round(0.5 + 0.08 * step, 4), step, step == steps[0], "float"),
                      tensor_value("lr", 0.1 / (2 ** step), step, step == steps[0], "double")]
            wall = BASE_MS / 1000 + 100 + step
            writer.add_event(Event(wall_time=wall, step=step, summary=Summary(value=values)))
            expect("sweep/run-b", "accuracy", step, float(struct.unpack("<f", struct.pack("<f", round(0.5 + 0.08 * step, 4)))[0]), wall)
            expect("sweep/run-b", "lr", step, 0.1 / (2 ** step), wall)
        writer.close()
    for run in expected.values():
        run["metrics"].sort(key=lambda m: (m[0], m[1]))
    write_json(os.path.join(os.path.dirname(root), "tensorboard-expected.json"), expected)
    versions = {"tensorboard": tensorboard.__version__, "tensorboardX": tensorboardX.__version__}
    print(f"{root}: {versions}")
    return versions


def records(data):
    """(offset, length) of each TFRecord in an event file."""
    offset, found = 0, []
    while offset < len(data):
        (length,) = struct.unpack_from("<Q", data, offset)
        found.append((offset, length))
        offset += 12 + length + 4
    return found


def make_corrupt(root, corrupt_root):
    """A copy of run-a's scalar file with one flipped data byte and a cut tail."""
    shutil.rmtree(corrupt_root, ignore_errors=True)
    source_dir = os.path.join(root, "run-a")
    name = sorted(f for f in os.listdir(source_dir) if f.startswith("events.out.tfevents."))[0]
    data = bytearray(open(os.path.join(source_dir, name), "rb").read())
    found = records(data)
    flipped_offset, flipped_length = found[5]
    data[flipped_offset + 12 + flipped_length // 2] ^= 0x01
    truncated_offset, _ = found[-1]
    data = data[:truncated_offset + 20]
    os.makedirs(os.path.join(corrupt_root, "run-a"))
    open(os.path.join(corrupt_root, "run-a", name), "wb").write(bytes(data))
    manifest = {"file": "run-a/" + name, "records": len(found),
                "flipped_record_offset": flipped_offset, "truncated_record_offset": truncated_offset}
    write_json(os.path.join(corrupt_root, "corruption.json"), manifest)
    print(f"{corrupt_root}: {manifest}")


def record_version(key, value):
    path = os.path.join(HERE, "fixtures-versions.txt")
    lines = dict(l.split(" ", 1) for l in open(path).read().split("\n") if l) if os.path.exists(path) else {}
    lines[key] = value
    open(path, "w").write("".join(f"{k} {v}\n" for k, v in sorted(lines.items())))


if __name__ == "__main__":
    what = sys.argv[1:]
    if "mlflow3" in what:
        record_version("mlflow3.db", "mlflow " + make_mlflow(os.path.join(HERE, "mlflow3.db")))
    if "mlflow2" in what:
        record_version("mlflow2.db", "mlflow " + make_mlflow(os.path.join(HERE, "mlflow2.db")))
    if "tensorboard" in what:
        versions = make_tensorboard(os.path.join(HERE, "tensorboard"))
        make_corrupt(os.path.join(HERE, "tensorboard"), os.path.join(HERE, "tensorboard-corrupt"))
        record_version("tensorboard/", " ".join(f"{k} {v}" for k, v in sorted(versions.items())))
    if "big" in what:
        make_big(what[what.index("big") + 1])
