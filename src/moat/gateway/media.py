"""What images and documents in a request cost, read from their header bytes (issue 12 item 3).

When an upstream reports no usage, Moat counts for it; a 200 KB image is not 5 tokens of base64
text. Images are priced by their dimensions, by each API's published rule:

    Anthropic   tokens = width * height / 750, after scaling the long edge to at most 1568 px,
                at most 1,600 per image (what a maximal image costs)
    OpenAI      detail "low": 85; otherwise fit in 2048 x 2048, then the short side to 768,
                tokens = 85 + 170 per 512 px tile

The dimensions come from the format's header (PNG IHDR, GIF logical screen, WebP VP8/VP8L/VP8X,
JPEG's start-of-frame segment), decoded from the base64 text a few bytes at a time: base64 maps
each 4 characters to 3 bytes, so any byte range is decoded on its own and the image itself never is.
An image Moat cannot measure (a URL, an unknown format) costs what a maximal image does.

PDF documents cost `PDF_TOKENS_PER_PAGE` per page (a page's text and its page image, the upper half
of Anthropic's published 1,500-3,000 text tokens per page plus the image); the page count is the
number of page objects, else the page tree's largest `/Count`, else one page per 50 KB.
"""

from __future__ import annotations

import base64
import binascii
import math
import re

ANTHROPIC_MAX_IMAGE_TOKENS = 1600
OPENAI_MAX_IMAGE_TOKENS = 85 + 170 * 8  # a 2048 x 768 image: 4 x 2 tiles after scaling
OPENAI_LOW_DETAIL_TOKENS = 85
PDF_TOKENS_PER_PAGE = 3000
_PDF_BYTES_PER_PAGE = 50_000
_JPEG_MAX_SEGMENTS = 64  # a JPEG whose frame header is further away is priced as a maximal image


class B64:
    """Random access to the bytes of a base64 text without decoding all of it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def read(self, start: int, length: int) -> bytes:
        """Up to `length` bytes from byte offset `start` (fewer at the end or on bad base64)."""
        if start < 0 or length <= 0:
            return b""
        first = start // 3
        last = (start + length + 2) // 3
        chunk = self.text[first * 4:last * 4]
        try:
            data = base64.b64decode(chunk + "=" * (-len(chunk) % 4))
        except (binascii.Error, ValueError):
            return b""
        offset = start - first * 3
        return data[offset:offset + length]


def image_size(data: B64) -> tuple[int, int] | None:
    """(width, height) from an image's header, or None for an unknown or broken image."""
    head = data.read(0, 32)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return int.from_bytes(head[6:8], "little"), int.from_bytes(head[8:10], "little")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        chunk = head[12:16]
        if chunk == b"VP8 " and len(head) >= 30:
            return (int.from_bytes(head[26:28], "little") & 0x3FFF,
                    int.from_bytes(head[28:30], "little") & 0x3FFF)
        if chunk == b"VP8L" and len(head) >= 25:
            bits = int.from_bytes(head[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        if chunk == b"VP8X" and len(head) >= 30:
            return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
        return None
    if head[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    return None


def _jpeg_size(data: B64) -> tuple[int, int] | None:
    """Walk the JPEG's segments (2 + 2 bytes each, plus their length) to the start-of-frame."""
    offset = 2
    for _ in range(_JPEG_MAX_SEGMENTS):
        marker = data.read(offset, 9)
        if len(marker) < 4 or marker[0] != 0xFF:
            return None
        kind = marker[1]
        if kind == 0xFF:  # fill byte
            offset += 1
            continue
        if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):
            if len(marker) < 9:
                return None
            return int.from_bytes(marker[7:9], "big"), int.from_bytes(marker[5:7], "big")
        if kind in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            offset += 2
            continue
        offset += 2 + int.from_bytes(marker[2:4], "big")
    return None


def anthropic_image_tokens(size: tuple[int, int] | None) -> int:
    if size is None or size[0] <= 0 or size[1] <= 0:
        return ANTHROPIC_MAX_IMAGE_TOKENS
    width, height = size
    scale = min(1.0, 1568 / max(width, height))
    tokens = math.ceil(round(width * scale) * round(height * scale) / 750)
    return min(max(tokens, 1), ANTHROPIC_MAX_IMAGE_TOKENS)


def openai_image_tokens(size: tuple[int, int] | None, detail: str | None = None) -> int:
    if detail == "low":
        return OPENAI_LOW_DETAIL_TOKENS
    if size is None or size[0] <= 0 or size[1] <= 0:
        return OPENAI_MAX_IMAGE_TOKENS
    width, height = float(size[0]), float(size[1])
    fit = min(1.0, 2048 / max(width, height))
    width, height = width * fit, height * fit
    short = min(width, height)
    if short > 768:
        width, height = width * 768 / short, height * 768 / short
    tiles = math.ceil(width / 512) * math.ceil(height / 512)
    return 85 + 170 * tiles


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_COUNT = re.compile(rb"/Count\s+(\d{1,7})")


def pdf_pages(data: B64) -> int:
    """Pages of a base64 PDF (see the module docstring); at least 1."""
    raw = data.read(0, len(data.text))  # a document is read whole once: pages can be anywhere
    pages = len(_PAGE.findall(raw))
    if not pages:
        pages = max((int(m) for m in _COUNT.findall(raw)), default=0)
    return pages or len(raw) // _PDF_BYTES_PER_PAGE + 1


def data_url_payload(url: str) -> tuple[str, str] | None:
    """(media type, base64 text) of a `data:<type>;base64,<text>` URL, else None."""
    if not url.startswith("data:"):
        return None
    head, sep, text = url.partition(",")
    if not sep or not head.endswith(";base64"):
        return None
    return head[5:-7], text
