"""Security headers of every response, in a module of their own so that the app
(:mod:`sitrep.serve.app`, which adds them) and the crash handler (:mod:`sitrep.serve.errors`,
which must set them itself) share them without importing each other."""

from __future__ import annotations

__all__ = ["CONTENT_SECURITY_POLICY", "SECURITY_HEADERS"]

#: Only same-origin scripts, styles and images (plus data: images for Leaflet's icons); no inline
#: script, no plugins, no framing. The map basemap is bundled, so nothing external is needed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

#: Set on every response (SecurityHeaders), 500s included (the crash handler).
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
