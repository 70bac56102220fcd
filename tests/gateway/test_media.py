"""Images and documents priced from their header bytes (moat.gateway.media, issue 12 item 3)."""

from __future__ import annotations

import base64
import os
import struct

import pytest

from moat.gateway import media
from moat.gateway.tokens import anthropic_input_tokens, openai_input_tokens, responses_input_tokens
from tests.gateway.test_metering import png


def b64(data: bytes) -> media.B64:
    return media.B64(base64.b64encode(data).decode())


def jpeg(width: int, height: int, exif_bytes: int) -> bytes:
    """A JPEG whose start-of-frame comes after a large EXIF segment and a quantization table."""
    exif = b"Exif\0\0" + os.urandom(exif_bytes)
    quant = b"\0" + bytes(64)
    sof = struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    return (b"\xff\xd8" + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
            + b"\xff\xdb" + struct.pack(">H", len(quant) + 2) + quant
            + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof + os.urandom(5000))


def webp(kind: bytes, width: int, height: int) -> bytes:
    if kind == b"VP8X":
        body = b"\0\0\0\0" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    elif kind == b"VP8L":
        body = b"\x2f" + ((width - 1) | (height - 1) << 14).to_bytes(4, "little") + b"\0" * 5
    else:
        body = b"\0\0\0\x9d\x01\x2a" + width.to_bytes(2, "little") + height.to_bytes(2, "little")
    return b"RIFF" + struct.pack("<I", len(body) + 12) + b"WEBP" + kind + struct.pack("<I", len(body)) + body


@pytest.mark.parametrize(("data", "size"), [
    (png(1024, 768, 200_000), (1024, 768)),
    (b"GIF89a" + struct.pack("<HH", 640, 480) + bytes(100), (640, 480)),
    (jpeg(4032, 3024, 60_000), (4032, 3024)),
    (webp(b"VP8X", 2000, 1000), (2000, 1000)),
    (webp(b"VP8L", 300, 200), (300, 200)),
    (webp(b"VP8 ", 800, 600), (800, 600)),
    (b"not an image at all", None),
])
def test_dimensions_come_from_the_header(data: bytes, size: tuple[int, int] | None) -> None:
    assert media.image_size(b64(data)) == size


def test_random_access_decodes_only_the_bytes_asked_for() -> None:
    data = os.urandom(10_000)
    text = b64(data)
    for start, length in ((0, 1), (1, 7), (2, 300), (9_990, 50), (5_001, 3)):
        assert text.read(start, length) == data[start:start + length]
    assert media.B64("%%%% not base64").read(0, 10) == b""


def test_each_apis_image_rule() -> None:
    assert media.anthropic_image_tokens((1024, 768)) == 1049  # 1024 * 768 / 750, rounded up
    assert media.anthropic_image_tokens((4032, 3024)) == 1600  # scaled, then capped
    assert media.anthropic_image_tokens(None) == media.ANTHROPIC_MAX_IMAGE_TOKENS
    assert media.openai_image_tokens((1024, 1024)) == 765  # OpenAI's own worked example
    assert media.openai_image_tokens((2048, 4096)) == 1105  # fit 1024 x 2048, then 768 x 1536: 6 tiles
    assert media.openai_image_tokens((4096, 8192), "low") == 85


def test_pdf_pages() -> None:
    pdf = b"%PDF-1.4\n" + b"".join(b"%d 0 obj << /Type /Page /Parent 2 0 R >> endobj\n" % i for i in range(7)) \
        + b"2 0 obj << /Type /Pages /Count 7 >> endobj\n"
    assert media.pdf_pages(b64(pdf)) == 7
    compressed = b"%PDF-1.7\n1 0 obj << /Type /ObjStm >> stream\n" + os.urandom(120_000)
    assert media.pdf_pages(b64(compressed)) == 3  # no visible page objects: one page per 50 KB


def test_request_estimates_price_media_and_tools() -> None:
    image = base64.b64encode(png(1024, 768, 200_000)).decode()
    pdf = base64.b64encode(b"%PDF-1.4 /Type /Page /Type /Page").decode()
    anthropic_messages = [{"role": "user", "content": [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": image}},
        {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": pdf}},
        {"type": "text", "text": "abcd"}]},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "n", "input": {"k": "v" * 39}}]}]
    tool_chars = len('n{"k":""}') + 39
    assert anthropic_input_tokens(anthropic_messages, None, None) == \
        1049 + 2 * media.PDF_TOKENS_PER_PAGE + (4 + tool_chars + 3) // 4 + 6
    openai_messages = [{"role": "user", "content": [
        {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{image}", "detail": "high"}}]},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "c", "type": "function", "function": {"name": "get", "arguments": "x" * 97}}]}]
    assert openai_input_tokens(openai_messages, None) == 765 + 25 + 6
    responses_items = [{"role": "user", "content": [
        {"type": "input_image", "image_url": f"data:image/png;base64,{image}"},
        {"type": "input_text", "text": "abcd"}]}]
    assert responses_input_tokens(responses_items, "be brief", None) == 765 + 3 + 3


def test_cache_markers_are_found_in_the_same_walk() -> None:
    from moat.gateway.tokens import anthropic_estimate

    plain = [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]
    assert anthropic_estimate({}, plain, "system") == ((len("system" + "hi") + 3) // 4 + 3, False)
    marked = {"type": "text", "text": "hi", "cache_control": {"type": "ephemeral"}}
    marked_block = [{"role": "user", "content": [marked]}]
    assert anthropic_estimate({}, marked_block, None)[1]
    assert anthropic_estimate({"cache_control": {"type": "ephemeral"}}, plain, None)[1]  # automatic caching
    assert anthropic_estimate({"tools": [{"name": "t", "cache_control": {"type": "ephemeral"}}]}, plain, None)[1]
    assert anthropic_estimate({}, plain, [{"type": "text", "text": "s", "cache_control": {}}])[1]
