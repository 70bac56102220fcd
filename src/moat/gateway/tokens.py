"""Token estimates for when an upstream reports no usage, and for admission before the call.

No tokenizer can be downloaded at run time, so this is the usual ~4 characters per token
heuristic, counted over the text the model reads or writes (tool-call arguments and tool results
included); images and documents are priced by moat.gateway.media.
"""

from __future__ import annotations

from typing import Any

import orjson

from moat.gateway import media


def estimate_tokens_of(chars: int) -> int:
    """Tokens for `chars` characters of text (~4 a token): what went past in a stream without usage."""
    return (chars + 3) // 4 if chars > 0 else 0


def estimate_tokens(text: str) -> int:
    return estimate_tokens_of(len(text))


def content_text(content: Any) -> str:
    """The text of an OpenAI or Anthropic message `content` (a string or a list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, dict):
                text = part.get("text")
                if isinstance(text, str):
                    parts.append(text)
                elif part.get("type") == "tool_result":
                    parts.append(content_text(part.get("content")))
            elif isinstance(part, str):
                parts.append(part)
        return "\n".join(parts)
    return ""


# ---- what a request's input costs, media and tools included (issue 12 item 3) ----------------------
# One walk over the content parts: text is counted in characters (then ~4 per token), images and
# documents by moat.gateway.media, tool calls and tool results by their JSON arguments.

def _json_chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    try:
        return len(orjson.dumps(value))
    except TypeError:
        return 0


def _anthropic_source_tokens(block: dict[str, Any]) -> tuple[int, int]:
    """(chars, tokens) of an Anthropic image or document block."""
    source = block.get("source")
    if not isinstance(source, dict):
        return 0, 0
    kind = source.get("type")
    if block.get("type") == "image":
        data = source.get("data")
        size = media.image_size(media.B64(data)) if kind == "base64" and isinstance(data, str) else None
        return 0, media.anthropic_image_tokens(size)
    if kind == "text":
        return _json_chars(source.get("data")), 0
    if kind == "content":
        tally = _Tally()
        _anthropic_parts(source.get("content"), tally)
        return tally.chars, tally.tokens
    data = source.get("data")
    if kind == "base64" and isinstance(data, str):
        return 0, media.pdf_pages(media.B64(data)) * media.PDF_TOKENS_PER_PAGE
    return 0, media.PDF_TOKENS_PER_PAGE  # a URL or a file id: one page, unseen


class _Tally:
    """What one walk over a request's content finds: characters, priced media tokens, cache markers."""

    __slots__ = ("chars", "marked", "tokens")

    def __init__(self) -> None:
        self.chars = 0
        self.tokens = 0
        self.marked = False  # a `cache_control` marker was seen (Anthropic)


def _anthropic_parts(content: Any, tally: _Tally) -> None:
    """Add an Anthropic `content` (a string or a list of blocks) to `tally`."""
    if content.__class__ is str:
        tally.chars += len(content)
        return
    if not isinstance(content, list):
        return
    for block in content:
        if not isinstance(block, dict):
            if isinstance(block, str):
                tally.chars += len(block)
            continue
        if "cache_control" in block:
            tally.marked = True
        kind = block.get("type")
        if kind == "text":
            tally.chars += _json_chars(block.get("text"))
        elif kind in ("image", "document"):
            c, t = _anthropic_source_tokens(block)
            tally.chars += c
            tally.tokens += t
        elif kind == "tool_use" or kind == "server_tool_use":
            tally.chars += _json_chars(block.get("name")) + _json_chars(block.get("input"))
        elif kind == "tool_result":
            _anthropic_parts(block.get("content"), tally)
        elif kind == "thinking":
            tally.chars += _json_chars(block.get("thinking"))
        elif kind != "redacted_thinking":
            tally.chars += _json_chars(block)


def anthropic_estimate(payload: dict[str, Any], messages: list[Any], system: Any) -> tuple[int, bool]:
    """(input tokens, cache-marked) of a Messages request, in one walk: text, images by dimensions,
    documents by pages, tool calls, tool results and tool definitions; and whether it carries a
    `cache_control` marker (top level, on a tool, a system or message block), without which no
    prompt cache serves any of it."""
    tally = _Tally()
    if system:
        _anthropic_parts(system, tally)
    for message in messages:
        if message.__class__ is dict:
            _anthropic_parts(message.get("content"), tally)
    tools = payload.get("tools")
    if tools:
        tally.chars += _json_chars(tools)
        if isinstance(tools, list) and any(isinstance(t, dict) and "cache_control" in t for t in tools):
            tally.marked = True
    marked = tally.marked or "cache_control" in payload
    return (tally.chars + 3) // 4 + tally.tokens + 3 * len(messages), marked


def anthropic_input_tokens(messages: list[Any], system: Any, tools: Any) -> int:
    """The input a Messages request will be billed, estimated (`anthropic_estimate`)."""
    return anthropic_estimate({"tools": tools}, messages, system)[0]


def _openai_parts(content: Any) -> tuple[int, int]:
    """(chars, tokens) of an OpenAI chat message `content`."""
    if isinstance(content, str):
        return len(content), 0
    if not isinstance(content, list):
        return 0, 0
    chars = tokens = 0
    for part in content:
        if not isinstance(part, dict):
            if isinstance(part, str):
                chars += len(part)
            continue
        kind = part.get("type")
        if kind in ("text", "input_text", "output_text"):
            chars += _json_chars(part.get("text"))
        elif kind == "input_image":  # the Responses API's image part: image_url is the URL itself
            url, detail = part.get("image_url"), part.get("detail")
            found = media.data_url_payload(url) if isinstance(url, str) else None
            size = media.image_size(media.B64(found[1])) if found is not None else None
            tokens += media.openai_image_tokens(size, detail if isinstance(detail, str) else None)
        elif kind == "input_file":
            data = part.get("file_data")
            found = media.data_url_payload(data) if isinstance(data, str) else None
            pages = media.pdf_pages(media.B64(found[1])) if found is not None else 1
            tokens += pages * media.PDF_TOKENS_PER_PAGE
        elif kind == "image_url":
            image = part.get("image_url")
            url = image.get("url") if isinstance(image, dict) else image
            detail = image.get("detail") if isinstance(image, dict) else None
            found = media.data_url_payload(url) if isinstance(url, str) else None
            size = media.image_size(media.B64(found[1])) if found is not None else None
            tokens += media.openai_image_tokens(size, detail if isinstance(detail, str) else None)
        elif kind == "file":
            file = part.get("file")
            data = file.get("file_data") if isinstance(file, dict) else None
            found = media.data_url_payload(data) if isinstance(data, str) else None
            pages = media.pdf_pages(media.B64(found[1])) if found is not None else 1
            tokens += pages * media.PDF_TOKENS_PER_PAGE
        elif kind == "input_audio":
            continue  # priced by the upstream's audio rules; Moat does not estimate audio
        else:
            chars += _json_chars(part)
    return chars, tokens


def openai_input_tokens(messages: list[Any], tools: Any) -> int:
    """The input a chat request will be billed, estimated (like `anthropic_input_tokens`)."""
    chars = tokens = 0
    for message in messages:
        if not isinstance(message, dict):
            continue
        c, t = _openai_parts(message.get("content"))
        chars, tokens = chars + c, tokens + t
        calls = message.get("tool_calls")
        if isinstance(calls, list):
            for call in calls:
                function = call.get("function") if isinstance(call, dict) else None
                if isinstance(function, dict):
                    chars += _json_chars(function.get("name")) + _json_chars(function.get("arguments"))
    if tools:
        chars += _json_chars(tools)
    return (chars + 3) // 4 + tokens + 3 * len(messages)


def responses_input_tokens(items: list[Any], instructions: Any, tools: Any) -> int:
    """The input a Responses API request will be billed, estimated (like `openai_input_tokens`):
    messages with their image and file parts, tool calls and their outputs, reasoning summaries."""
    chars = _json_chars(instructions) if instructions else 0
    tokens = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        kind = item.get("type", "message")
        if kind == "message":
            c, t = _openai_parts(item.get("content"))
            chars, tokens = chars + c, tokens + t
        elif kind in ("function_call", "custom_tool_call"):
            chars += _json_chars(item.get("name")) + _json_chars(item.get("arguments") or item.get("input"))
        elif kind in ("function_call_output", "custom_tool_call_output"):
            c, t = _openai_parts(item.get("output"))
            chars, tokens = chars + c, tokens + t
        elif kind == "reasoning":
            for part in item.get("summary") or ():
                if isinstance(part, dict):
                    chars += _json_chars(part.get("text"))
        else:
            chars += _json_chars(item)
    if tools:
        chars += _json_chars(tools)
    return (chars + 3) // 4 + tokens + 3 * len(items)


# ---- what a prompt cache could serve (the floor of a request's cost, moat.limits.base.floor_units) --

OPENAI_MIN_CACHED_PROMPT = 1024  # OpenAI caches a prompt's prefix only from 1,024 tokens on


def openai_uncacheable(estimate: int) -> int:
    """Of an OpenAI prompt's estimate, what no cache can serve: all of it under 1,024 tokens."""
    return estimate if estimate < OPENAI_MIN_CACHED_PROMPT else 0
