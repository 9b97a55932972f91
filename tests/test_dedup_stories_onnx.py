"""Story vectors on ONNX Runtime: same vectors as torch, rebuilt when stale, torch-free."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sitrep.dedup.onnx_encoder import (
    OnnxMiniLMEncoder,
    ensure_export,
    export_key,
    exported_path,
)
from sitrep.dedup.stories import (
    ENCODER_ENV,
    MiniLMEncoder,
    StoryLinker,
    default_encoder,
    minilm_model_path,
)
from sitrep.errors import ConfigError

os.environ.setdefault("HF_HUB_OFFLINE", "1")

TEXTS = [
    "Drones hit Harir air base. Four drones targeted Harir air base north of Erbil on Tuesday.",
    "US strikes Kataib Hezbollah depots in Al-Qaim. American jets bombed weapons depots.",
    "",  # only [CLS] [SEP]
    "Rocket attack on Ain al-Asad. " * 80,  # longer than the 256 word-piece limit
    "Frappe de drone près d'Erbil; Ñandú 北京 غارة",  # accents, CJK and Arabic script
]


@pytest.fixture(scope="module")
def onnx_encoder() -> OnnxMiniLMEncoder:
    """The production export (built on first use when ``make install`` has not run)."""
    return OnnxMiniLMEncoder(onnx_path=ensure_export())


@pytest.mark.slow
def test_onnx_vectors_match_torch_vectors(onnx_encoder: OnnxMiniLMEncoder) -> None:
    expected = MiniLMEncoder().encode(TEXTS)
    together = onnx_encoder.encode(TEXTS)  # one padded batch of mixed lengths
    alone = np.vstack([onnx_encoder.encode([t]) for t in TEXTS])
    assert together.shape == (len(TEXTS), 384) and together.dtype == np.float32
    assert np.abs(together - expected).max() < 1e-5
    assert np.abs(alone - expected).max() < 1e-5
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("batch_size", [1, 2, 16])
def test_batching_does_not_change_vectors_or_order(
    onnx_encoder: OnnxMiniLMEncoder, batch_size: int
) -> None:
    small = OnnxMiniLMEncoder(onnx_path=onnx_encoder.onnx_path, batch_size=batch_size)
    assert np.abs(small.encode(TEXTS) - onnx_encoder.encode(TEXTS)).max() < 1e-5
    assert small.encode([]).shape == (0, 384)


def test_encoding_never_imports_torch(onnx_encoder: OnnxMiniLMEncoder) -> None:
    """The point of the ONNX path: a worker embedding stories carries no torch."""
    program = (
        "import sys\n"
        "from sitrep.dedup.stories import StoryLinker\n"
        "vectors = StoryLinker().embed(['Drones hit Harir air base.'])\n"
        "assert vectors.shape == (1, 384)\n"
        "print(type(StoryLinker().encoder).__name__, 'torch' in sys.modules,"
        " 'sentence_transformers' in sys.modules)\n"
    )
    env = {**os.environ, ENCODER_ENV: "auto"}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["OnnxMiniLMEncoder", "False", "False"]


def _fake_model(folder: Path, weights: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.safetensors").write_bytes(weights)
    return folder


def test_export_key_follows_the_weights(tmp_path: Path) -> None:
    one = export_key(_fake_model(tmp_path / "one", b"weights"))
    assert one == export_key(tmp_path / "one")  # stable
    assert one != export_key(_fake_model(tmp_path / "two", b"other weights!"))
    with pytest.raises(ConfigError, match="weights are missing"):
        export_key(tmp_path / "nothing")


@pytest.mark.slow
def test_stale_export_is_rebuilt_and_removed(tmp_path: Path) -> None:
    stale = tmp_path / "minilm-l6-v2.000000000000.onnx"
    stale.write_bytes(b"an export of older weights")
    stale.with_name(stale.name + ".data").write_bytes(b"old")
    built = ensure_export(tmp_path)
    assert built == exported_path(tmp_path) and built != stale
    assert built.exists() and built.with_name(built.name + ".data").exists()
    assert not stale.exists() and not stale.with_name(stale.name + ".data").exists()
    assert ensure_export(tmp_path) == built  # up to date: nothing to do
    vector = OnnxMiniLMEncoder(onnx_path=built).encode(TEXTS[:1])
    assert vector.shape == (1, 384)


@pytest.mark.parametrize(
    ("choice", "expected"), [("torch", MiniLMEncoder), ("onnx", OnnxMiniLMEncoder)]
)
def test_environment_forces_an_encoder(
    monkeypatch: pytest.MonkeyPatch,
    onnx_encoder: OnnxMiniLMEncoder,
    choice: str,
    expected: type,
) -> None:
    monkeypatch.setenv(ENCODER_ENV, choice)
    assert isinstance(default_encoder(), expected)
    assert isinstance(StoryLinker().encoder, expected)


def test_auto_falls_back_to_torch_when_onnx_cannot_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "model"  # a model folder without weights: nothing to export
    broken.mkdir()
    monkeypatch.setenv(ENCODER_ENV, "auto")
    encoder = default_encoder(broken)
    assert isinstance(encoder, MiniLMEncoder) and encoder.model_path == broken
    assert "falling back to torch" in caplog.text
    monkeypatch.setenv(ENCODER_ENV, "onnx")
    with pytest.raises(ConfigError, match="cannot run"):
        default_encoder(broken)


def test_unknown_encoder_choice_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENCODER_ENV, "tensorflow")
    with pytest.raises(ConfigError, match=ENCODER_ENV):
        default_encoder()


def test_packaged_model_declares_the_pooling_the_export_copies() -> None:
    """The export hard-codes mean pooling and normalisation: fail if the package changes."""
    import json

    folder = minilm_model_path()
    modules = [
        m["type"].rsplit(".", 1)[-1] for m in json.loads((folder / "modules.json").read_text())
    ]
    assert modules == ["Transformer", "Pooling", "Normalize"]
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] is True
    others = {
        key: on
        for key, on in pooling.items()
        if key.startswith("pooling_mode_") and key != "pooling_mode_mean_tokens"
    }
    assert not any(others.values())
