#!/usr/bin/python3
"""PyTorch eager reference of advad's four study variants.

Trains the variants of 'advad experiment' on the same KUKA folder with
the same networks, batch sizes, optimizers and losses, and writes the
seconds of every epoch as JSON. Each epoch ends with the validation pass
that advad's trainer runs for early stopping, so both sides time the same
work. Needs numpy and torch (Debian: python3-numpy, python3-torch).

    /usr/bin/python3 bench/reference.py --data DIR --epochs 3 --out ref.json
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

WINDOW = 5
VALIDATION_FRACTION = 0.2
TEST_NORMAL_FRACTION = 0.2
ADVERSARIAL_WEIGHT = 0.05
AUTOENCODER_LEARNING_RATE = 1e-3
DISCRIMINATOR_LEARNING_RATE = 1e-4
VALIDATION_CHUNK = 4096


def round_half_away(x):
    """Rounds like C's llround, which advad's splits use."""
    return int(math.floor(x + 0.5))


def load_windows(folder):
    """Returns training and validation windows as advad cuts them.

    KukaNormal.npy loses its `action` column, which advad keeps as
    context. The last 20% of rows are held out for testing and the last
    25% of the rest validate. A min-max scaler is fitted on the training
    rows.
    """
    names = [str(n) for n in
             np.load(os.path.join(folder, "KukaColumnNames.npy"))]
    normal = np.load(os.path.join(folder, "KukaNormal.npy"))
    channels = [c for c, name in enumerate(names[: normal.shape[1]])
                if name not in ("action", "anomaly")]
    values = normal[:, channels]

    rest = len(values) - round_half_away(TEST_NORMAL_FRACTION * len(values))
    share = VALIDATION_FRACTION / (1.0 - TEST_NORMAL_FRACTION)
    train_rows = rest - round_half_away(share * rest)
    train, validation = values[:train_rows], values[train_rows:rest]

    low, high = train.min(axis=0), train.max(axis=0)
    span = np.where(high > low, high - low, 1.0)
    return tuple(to_windows(((part - low) / span).astype(np.float32))
                 for part in (train, validation))


def to_windows(rows):
    """Flattens every run of WINDOW consecutive rows, row by row."""
    view = np.lib.stride_tricks.sliding_window_view(rows, WINDOW, axis=0)
    # sliding_window_view puts the window axis last: [n, channels, WINDOW].
    flat = view.transpose(0, 2, 1).reshape(len(view), -1)
    return torch.from_numpy(np.ascontiguousarray(flat))


def glorot(layer):
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


class Autoencoder(nn.Module):
    """Dense 64-32-64 with ReLU, batch normalization before each ReLU in
    the deep variant, and a dense sigmoid output."""

    def __init__(self, width, deep, hidden=(64, 32, 64), code_layer=1):
        super().__init__()
        self.code_layer = code_layer
        self.hidden = nn.ModuleList()
        inputs = width
        for units in hidden:
            block = [glorot(nn.Linear(inputs, units))]
            if deep:
                block.append(nn.BatchNorm1d(units))
            block.append(nn.ReLU())
            self.hidden.append(nn.Sequential(*block))
            inputs = units
        self.output = glorot(nn.Linear(inputs, width))

    def encode(self, x):
        for block in self.hidden[: self.code_layer + 1]:
            x = block(x)
        return x

    def decode(self, code):
        for block in self.hidden[self.code_layer + 1:]:
            code = block(code)
        return torch.sigmoid(self.output(code))

    def forward(self, x):
        return self.decode(self.encode(x))


class Discriminator(nn.Module):
    """Dense 256-128-64, each with LeakyReLU 0.2 and layer normalization,
    dropout 0.4 and 0.3 after the second and third, one logit output."""

    def __init__(self, width, hidden=(256, 128, 64), dropout=(0.0, 0.4, 0.3)):
        super().__init__()
        layers = []
        inputs = width
        for units, p in zip(hidden, dropout):
            layers += [glorot(nn.Linear(inputs, units)), nn.LeakyReLU(0.2),
                       nn.LayerNorm(units)]
            if p > 0:
                layers.append(nn.Dropout(p))
            inputs = units
        layers.append(glorot(nn.Linear(inputs, 1)))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).squeeze(1)


class Trainer:
    """One variant's networks and optimizers, stepping as advad's
    trainer does."""

    def __init__(self, width, deep, adversarial):
        self.autoencoder = Autoencoder(width, deep)
        self.ae_optimizer = torch.optim.Adam(self.autoencoder.parameters(),
                                             lr=AUTOENCODER_LEARNING_RATE)
        self.discriminator = None
        if adversarial:
            self.discriminator = Discriminator(width)
            self.d_optimizer = torch.optim.Adam(
                self.discriminator.parameters(),
                lr=DISCRIMINATOR_LEARNING_RATE)

    def reconstruction_step(self, batch):
        self.ae_optimizer.zero_grad()
        loss = F.mse_loss(self.autoencoder(batch), batch)
        loss.backward()
        self.ae_optimizer.step()
        return loss.item()

    def adversarial_step(self, batch):
        reconstruction = self.autoencoder(batch)

        # The discriminator learns to tell real windows from
        # reconstructions.
        self.d_optimizer.zero_grad()
        real = self.discriminator(batch)
        fake = self.discriminator(reconstruction.detach())
        d_loss = 0.5 * (
            F.binary_cross_entropy_with_logits(real, torch.ones_like(real))
            + F.binary_cross_entropy_with_logits(fake, torch.zeros_like(fake)))
        d_loss.backward()
        self.d_optimizer.step()
        correct = (real > 0).sum().item() + (fake <= 0).sum().item()

        # The autoencoder learns to reconstruct and to be called real; the
        # discriminator's weights need no gradient here.
        self.discriminator.requires_grad_(False)
        self.ae_optimizer.zero_grad()
        mse = F.mse_loss(reconstruction, batch)
        judged = self.discriminator(reconstruction)
        fooling = F.binary_cross_entropy_with_logits(
            judged, torch.ones_like(judged))
        (mse + ADVERSARIAL_WEIGHT * fooling).backward()
        self.ae_optimizer.step()
        self.discriminator.requires_grad_(True)
        return mse.item(), fooling.item(), d_loss.item(), correct

    def validation_loss(self, windows):
        self.autoencoder.eval()
        with torch.no_grad():
            errors = [((self.autoencoder(chunk) - chunk) ** 2).mean(1)
                      for chunk in windows.split(VALIDATION_CHUNK)]
        self.autoencoder.train()
        return torch.cat(errors).mean().item()

    def epoch(self, train, validation, batch_size, generator):
        self.autoencoder.train()
        if self.discriminator is not None:
            self.discriminator.train()
        order = torch.randperm(len(train), generator=generator)
        for first in range(0, len(train), batch_size):
            indices = order[first:first + batch_size]
            # Batch normalization cannot normalize a batch of one window.
            if len(indices) < 2 and first > 0:
                break
            batch = train[indices]
            if self.discriminator is None:
                self.reconstruction_step(batch)
            else:
                self.adversarial_step(batch)
        return self.validation_loss(validation)


VARIANTS = {
    "basic": (False, False),
    "basic-adv": (False, True),
    "deep": (True, False),
    "deep-adv": (True, True),
}


def time_variant(name, train, validation, batch_size, epochs, seed):
    deep, adversarial = VARIANTS[name]
    torch.manual_seed(seed)
    trainer = Trainer(train.shape[1], deep, adversarial)
    generator = torch.Generator().manual_seed(seed)
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        trainer.epoch(train, validation, batch_size, generator)
        seconds.append(time.perf_counter() - start)
    print(f"{name} batch {batch_size}: best epoch {min(seconds):.3f} s",
          file=sys.stderr)
    return {"epoch_seconds": seconds,
            "best_epoch_seconds": min(seconds),
            "mean_epoch_seconds": sum(seconds) / len(seconds)}


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True,
                        help="KUKA folder, as 'advad synth' writes it")
    parser.add_argument("--epochs", type=int, default=3,
                        help="epochs per run (default 3)")
    parser.add_argument("--batch-size", type=int, action="append",
                        help="batch size to time, repeatable "
                             "(default 256 and 32)")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch intra-op threads (default 1, as each "
                             "variant gets one core in the study)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="JSON file to write")
    return parser.parse_args()


def main():
    args = parse_arguments()
    if args.epochs < 1:
        sys.exit(f"--epochs must be at least 1, got {args.epochs}")
    batch_sizes = args.batch_size or [256, 32]
    if min(batch_sizes) < 2:
        sys.exit(f"--batch-size must be at least 2, got {min(batch_sizes)}")
    torch.set_num_threads(args.threads)
    train, validation = load_windows(args.data)
    report = {
        "torch_version": torch.__version__,
        "torch_intra_op": torch.get_num_threads(),
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", ""),
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", ""),
        "windows": {"width": train.shape[1], "train": len(train),
                    "validation": len(validation)},
        "training": {},
    }
    for name in VARIANTS:
        report["training"][name] = {
            str(b): time_variant(name, train, validation, b, args.epochs,
                                 args.seed)
            for b in batch_sizes}
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(report, out, indent=2)


if __name__ == "__main__":
    main()
