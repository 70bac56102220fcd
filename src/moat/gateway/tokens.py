"""Token estimates for when an upstream reports no usage, and for admission before the call.

No tokenizer can be downloaded at run time, so this is the usual ~4 characters per token
heuristic, counted over the text the model reads or writes.
"""

from __future__ import annotations

from typing import Any


def estimate_tokens(text: str) -> int:
    return (len(text) + 3) // 4 if text else 0


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
