"""sitrep's version, in a module of its own so that any stage can name it without importing the
public API in ``sitrep/__init__.py`` (which imports the stages: a cycle)."""

__version__ = "0.1.0"
