"""How much of a prompt the recorded traffic keeps (`recording.prompts`).

`full` keeps the text; `truncate` keeps the first `truncate_chars` characters (the spec allows
"may be truncated"); `hash` keeps only the SHA-256 hex digest of the UTF-8 text, so detectors can
still see repeated prompts without anyone being able to read them. Applied to `prompt` and
`system` when the gateway builds the record, before it reaches the write-ahead file: text that
must not be stored never touches the disk.
"""

from __future__ import annotations

import hashlib
from typing import Any

from moat.config import RecordingSettings, Settings

PROMPT_FIELDS = ("prompt", "system")


def apply_prompt_policy(traffic: dict[str, Any], settings: Settings | RecordingSettings) -> dict[str, Any]:
    """Rewrite `prompt` and `system` of a traffic record in place by the policy; returns the record."""
    recording = settings.recording if isinstance(settings, Settings) else settings
    if recording.prompts == "full":
        return traffic
    for name in PROMPT_FIELDS:
        text = traffic.get(name)
        if isinstance(text, str):
            traffic[name] = kept_text(text, recording)
    return traffic


def kept_text(text: str, recording: RecordingSettings) -> str:
    """What the policy keeps of one prompt (the record stage calls it on its typed record)."""
    mode = recording.prompts
    if mode == "full":
        return text
    if mode == "hash":
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if mode == "truncate":
        return text[: max(0, recording.truncate_chars)]
    raise ValueError(f"unknown recording.prompts mode: {mode!r} (full, truncate or hash)")
