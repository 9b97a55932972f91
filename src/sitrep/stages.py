"""The pipeline's stages and its pluggable parts, declared in one place.

Each stage has a name, a version (bumped when what it produces changes, so a stored outcome says
which version made it), what it needs from the stages before it and what it adds, in the manner
of spaCy's ``Language.factory(..., requires=, assigns=)``. :func:`check_chain` refuses a run
whose stages would read something no earlier stage produced; ``Pipeline`` calls it before it
starts, and :data:`STAGE_VERSIONS` is read off the declarations.

Extraction backends are looked up the same way for every name: sitrep's own (:data:`BACKENDS`)
first, then the ``sitrep.backends`` entry-point group, so a separate package adds a backend with

    [project.entry-points."sitrep.backends"]
    mine = "my_package.module:make_extractor"   # a callable returning an Extractor

and ``sitrep ingest --extractor mine`` uses it, with no change to sitrep.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

from sitrep.errors import ConfigError

__all__ = [
    "BACKENDS",
    "BACKEND_GROUP",
    "STAGES",
    "STAGE_VERSIONS",
    "Stage",
    "backend_factory",
    "backend_names",
    "check_chain",
]


@dataclass(frozen=True)
class Stage:
    """One stage: what it is called, its version, what it reads and what it adds."""

    name: str
    version: int
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    runs_in: str  # "writer" (one process, input order) or "mapper" (pure, any process)
    doc: str


#: The stages in the order they run (docs/ARCHITECTURE.md draws the same chain).
STAGES: tuple[Stage, ...] = (
    Stage(
        "read", 1, (), ("raw",), "writer",
        "raw bytes stored (content-addressed) with a pending article row, committed first",
    ),
    Stage(
        "parse", 1, ("raw",), ("text", "metadata", "fingerprints"), "mapper",
        "decode, clean, title, outlet, publication date; exact hash and MinHash of the text",
    ),
    Stage(
        "dedup", 1, ("fingerprints", "metadata"), ("cluster", "effective_metadata"), "writer",
        "duplicate cluster, canonical copy, metadata inherited from the cluster",
    ),
    Stage(
        "story", 1, ("text", "effective_metadata"), ("story",), "writer",
        "nearest story within a date window by cosine similarity of title and lead",
    ),
    Stage(
        "extract", 1, ("text", "effective_metadata"), ("events",), "mapper",
        "events with their sources and reasons, by the chosen extraction backend",
    ),
    Stage(
        "resolve", 1, ("events",), ("stored_events",), "writer",
        "each event joins a matching stored event as a mention or becomes a new one",
    ),
)  # fmt: skip

#: Stage name -> version, as stored in each article's ``stages`` outcome.
STAGE_VERSIONS: dict[str, int] = {stage.name: stage.version for stage in STAGES}


def check_chain(names: Iterable[str] | None = None) -> list[Stage]:
    """The stages called ``names`` (default: all), in run order, once each one's needs are met.

    Raises ConfigError naming the stage and what it lacks when an earlier stage of the chain
    does not produce it, or when a name is not a stage.
    """
    wanted = set(STAGE_VERSIONS if names is None else names)
    unknown = wanted - set(STAGE_VERSIONS)
    if unknown:
        raise ConfigError(
            f"unknown pipeline stage(s) {sorted(unknown)}: choose from {', '.join(STAGE_VERSIONS)}"
        )
    chain = [stage for stage in STAGES if stage.name in wanted]
    available: set[str] = set()
    for stage in chain:
        missing = [need for need in stage.requires if need not in available]
        if missing:
            raise ConfigError(
                f"pipeline stage {stage.name!r} needs {', '.join(missing)}, "
                "which no earlier stage of this run produces"
            )
        available.update(stage.produces)
    return chain


#: Entry-point group through which other packages add extraction backends.
BACKEND_GROUP = "sitrep.backends"

#: sitrep's own extraction backends: name -> "module:callable" returning an Extractor.
BACKENDS: dict[str, str] = {
    "default": "sitrep.events.extract:RuleExtractor",  # rules + classifier
    "llm": "sitrep.events.llm:LLMExtractor.from_env",  # an OpenAI-compatible endpoint
}


def _resolve(target: str) -> Callable[[], Any]:
    module, _, attribute = target.partition(":")
    found: Any = importlib.import_module(module)
    for part in attribute.split("."):
        found = getattr(found, part)
    return found  # type: ignore[no-any-return]


def backend_names() -> list[str]:
    """Every extraction backend's name: sitrep's own, then installed plugins'."""
    plugins = [ep.name for ep in entry_points(group=BACKEND_GROUP) if ep.name not in BACKENDS]
    return [*BACKENDS, *sorted(plugins)]


def backend_factory(name: str) -> Callable[[], Any]:
    """The callable that makes the extraction backend ``name`` (not called here)."""
    if name in BACKENDS:
        return _resolve(BACKENDS[name])
    for ep in entry_points(group=BACKEND_GROUP):
        if ep.name == name:
            factory: Callable[[], Any] = ep.load()
            return factory
    raise ConfigError(f"unknown extractor {name!r}: choose one of {', '.join(backend_names())}")
