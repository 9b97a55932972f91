"""Bytes to text: byte-order marks, declared charsets, then detection.

News archives are full of legacy encodings (Windows-1256 Arabic, Windows-1252 with curly quotes)
and of files cut short in the middle of a UTF-8 sequence. The order here is: a BOM is certain; a
charset the document or the HTTP server declares is believed when the bytes decode under it;
UTF-8 is tried next (the common case, and strict UTF-8 almost never decodes non-UTF-8 text by
accident); charset-normalizer guesses the rest. Bytes that are not text get a clear reason.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from sitrep.errors import ParseError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
_XML_ENCODING = re.compile(
    rb"""^<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I
)
# How much of a large document charset-normalizer samples; enough for a confident guess.
_DETECT_SAMPLE = 200_000


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration in the first 4 KB names, if any."""
    head = raw[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _known(encoding: str | None) -> str | None:
    """The codec name Python uses for ``encoding``, or None when Python does not know it."""
    if not encoding:
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    # Browsers treat latin-1 and ascii labels as windows-1252; so do we (curly quotes survive).
    return "cp1252" if name in {"latin-1", "iso8859-1", "ascii"} else name


def decode_bytes(raw: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode ``raw`` to text; raises ParseError naming ``source`` when it is not text.

    ``declared`` is a charset from outside the bytes (an HTTP header); a charset declared inside
    an HTML or XML document is looked up here. Double-encoded UTF-8 is repaired.
    """
    return repair_mojibake(_decode(raw, source, declared))


def _decode(raw: bytes, source: str, declared: str | None) -> str:
    """decode_bytes without the mojibake repair."""
    if not raw.strip():
        raise ParseError(f"{source}: empty file")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(
                    f"{source}: not valid {encoding} despite its byte-order mark ({exc.reason} at byte {exc.start})"
                ) from exc
    for candidate in (_known(declared), _known(declared_charset(raw))):
        if candidate and not candidate.startswith("utf-16") and not candidate.startswith("utf-32"):
            try:
                text = raw.decode(candidate)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text
    if b"\x00" in raw[:_DETECT_SAMPLE]:
        utf16 = _utf16_without_bom(raw)
        if utf16 is not None:
            return utf16
        raise ParseError(f"{source}: binary content (NUL bytes)")
    lenient = _decode_utf8_lenient(raw)
    if lenient is not None:
        return lenient
    guessed = _guess_encoding(raw[:_DETECT_SAMPLE])
    if guessed is None:
        raise ParseError(f"{source}: not valid text in any known encoding")
    try:
        return raw.decode(guessed, errors="replace")
    except LookupError as exc:  # pragma: no cover - charset-normalizer names Python codecs
        raise ParseError(f"{source}: not valid text in any known encoding") from exc


def _utf16_without_bom(raw: bytes) -> str | None:
    """``raw`` as UTF-16 text without a byte-order mark, or None.

    Text in a Latin script written as UTF-16 has a NUL in every other byte: the high byte of
    each code unit (odd offsets for little-endian, even for big-endian). Binary data has NULs
    at both. Taken when one side has NULs in at least a quarter of its code units and the
    other in almost none, the whole decodes strictly, and the text is printable.
    """
    sample = raw[: min(len(raw), 8192) // 2 * 2]
    units = len(sample) // 2
    if units < 2:
        return None
    even = sample[0::2].count(0) / units
    odd = sample[1::2].count(0) / units
    if odd >= 0.25 and even <= 0.02:
        encoding = "utf-16-le"
    elif even >= 0.25 and odd <= 0.02:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = raw[: len(raw) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    shown = text[:4096]
    printable = sum(1 for c in shown if c.isprintable() or c in "\r\n\t")
    return text if printable >= 0.97 * len(shown) else None


# MS-DOS (OEM) code pages: charset-normalizer sometimes ranks one first for Windows-1252 text
# (curly quotes 0x93/0x94 read as "ô"/"ö" in cp852), but news is not written in them.
_OEM_CODEPAGES = frozenset(
    {"cp437", "cp737", "cp775", "cp850", "cp852", "cp855", "cp856", "cp857", "cp858", "cp860",
     "cp861", "cp862", "cp863", "cp864", "cp865", "cp866", "cp869", "cp1125"}
)  # fmt: skip


def _guess_encoding(sample: bytes) -> str | None:
    """charset-normalizer's best guess, passing over DOS code pages when a Windows or ISO one
    fits too, and taking Windows-1252 among equivalent guesses (browsers' default)."""
    matches = [m for m in from_bytes(sample) if m.encoding]
    if not matches:
        return None
    best = next((m for m in matches if m.encoding not in _OEM_CODEPAGES), matches[0])
    if best.encoding != "cp1252" and "cp1252" in best.could_be_from_charset:
        return "cp1252"
    return str(best.encoding)


# Characters Windows-1252 shows for a UTF-8 lead byte, then for continuation bytes.
_LEAD = "ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóô"
_CONT = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(f"[{_LEAD}][{_CONT}]{{1,3}}")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was once decoded as Windows-1252 ("â€”" -> "—", "Â·" -> "·").

    Each suspicious run is re-encoded and kept only when it decodes as UTF-8, so ordinary
    accented text ("Café", "Zürich") is left alone.
    """
    if "Â" not in text and "Ã" not in text and "â€" not in text:
        return text

    def fix(match: re.Match[str]) -> str:
        try:
            return match.group(0).encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group(0)

    return _MOJIBAKE.sub(fix, text)


def _decode_utf8_lenient(raw: bytes) -> str | None:
    """UTF-8 text, tolerating a sequence cut at the very end and rare stray bytes.

    A file truncated mid-character is still UTF-8; so is a long UTF-8 article with one
    Windows-1252 byte pasted in. Real single-byte encodings fail UTF-8 on most non-ASCII bytes, so
    a mostly-valid decode (at least 20 valid multi-byte characters per error) means UTF-8.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(raw) - 3:
            try:
                return raw[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
    text = raw.decode("utf-8", errors="replace")
    errors = text.count("\ufffd") - raw.count("\xef\xbf\xbd".encode("latin-1"))
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if errors > 0 and multibyte >= 20 * errors:
        return text
    return None
