"""sitrep's exception tree. Every error says what failed and what to do about it.

SitrepError
├── ConfigError          bad option, setting or database URL (CLI exit code 2)
├── StoreError           the database cannot be opened, migrated or written
├── InputError           one input item cannot be used (recorded per item; the run goes on)
│   ├── FetchError       a URL could not be fetched (refused, too large, timed out)
│   └── ParseError       the bytes are not what they claim (malformed HTML/JSON/WARC/PDF)
├── ExtractionError      a stage failed on one document (recorded per item)
└── ExportError          an export target is invalid
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class of every error sitrep raises on purpose."""

    exit_code = 1


class ConfigError(SitrepError):
    """An option, setting or database URL is wrong."""

    exit_code = 2


class StoreError(SitrepError):
    """The database cannot be opened, migrated or written."""

    exit_code = 2


class InputError(SitrepError):
    """One input item cannot be used; the reason is recorded and the run goes on."""


class FetchError(InputError):
    """A URL could not be fetched: refused address, too large, timeout, bad status."""


class ParseError(InputError):
    """The bytes are not what they claim to be."""


class ExtractionError(SitrepError):
    """A pipeline stage failed on one document."""


class ExportError(SitrepError):
    """An export target or format is invalid."""

    exit_code = 2
