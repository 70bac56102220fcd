"""Compressed request bodies: gzip, deflate and zstd (Content-Encoding), decoded with a size limit.

SDKs and agents compress large requests (a long conversation, a PDF as base64). Moat must read the
JSON to decide, so it decodes the body here; what it relays upstream is the decoded JSON, without
Content-Encoding (moat.gateway.forwarding drops the client's), which every upstream accepts.

A few kilobytes of zstd or gzip can expand to gigabytes (a "zip bomb"), so decoding stops as soon
as the output passes the limit (`server.max_body_bytes`, the same limit as for a plain body) and
the request gets 413: memory never holds more than the limit plus one read block. An unknown coding
gets 415, a corrupt body 400.
"""

from __future__ import annotations

import io
import zlib

import zstandard

from moat.errors import BadRequest, RequestTooLarge

_BLOCK = 1 << 16  # bytes decoded per step


def decode_body(body: bytes, encoding: bytes, limit: int) -> bytes:
    """`body` decoded by every coding in `encoding` (a Content-Encoding value), last one first."""
    codings = [c.strip().lower() for c in encoding.split(b",")]
    for coding in reversed(codings):
        if coding in (b"", b"identity"):
            continue
        try:
            if coding in (b"gzip", b"x-gzip"):
                body = _zlib(body, 16 + zlib.MAX_WBITS, limit)
            elif coding == b"deflate":
                body = _deflate(body, limit)
            elif coding == b"zstd":
                body = _zstd(body, limit)
            else:
                refusal = BadRequest(f"Content-Encoding '{coding.decode('latin-1')}' is not supported; "
                                     "use gzip, deflate or zstd", code="unsupported_content_encoding")
                refusal.status = 415
                raise refusal
        except (zlib.error, zstandard.ZstdError) as exc:
            raise BadRequest(f"The request body is not valid {coding.decode('latin-1')}: {exc}",
                             code="invalid_content_encoding") from exc
    return body


def _too_large(limit: int) -> RequestTooLarge:
    return RequestTooLarge(f"The request body, decoded, exceeds the limit of {limit} bytes")


def _zlib(data: bytes, wbits: int, limit: int) -> bytes:
    """Decode zlib/gzip members one after another (gzip allows several), never beyond `limit`."""
    out = bytearray()
    while data:
        decoder = zlib.decompressobj(wbits)
        pending = data
        while pending:
            out += decoder.decompress(pending, _BLOCK)
            if len(out) > limit:
                raise _too_large(limit)
            pending = decoder.unconsumed_tail
        out += decoder.flush()
        if len(out) > limit:
            raise _too_large(limit)
        if not decoder.eof:
            raise zlib.error("the compressed body ends early")
        data = decoder.unused_data
    return bytes(out)


def _deflate(data: bytes, limit: int) -> bytes:
    """HTTP's "deflate" is zlib-wrapped (RFC 9110 §8.4.1.2); some clients send it raw: take both."""
    try:
        return _zlib(data, zlib.MAX_WBITS, limit)
    except zlib.error:
        return _zlib(data, -zlib.MAX_WBITS, limit)


def _zstd(data: bytes, limit: int) -> bytes:
    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True)
    out = bytearray()
    while block := reader.read(_BLOCK):
        out += block
        if len(out) > limit:
            raise _too_large(limit)
    return bytes(out)
