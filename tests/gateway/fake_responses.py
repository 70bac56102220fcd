"""The fake upstream's Responses API answers (POST /v1/responses), written from openai-python's
`types/responses/` independently of the demo model's. Models (after any `a-` prefix):
  ok-*        a message ("fake answer"), with usage incl. cached and reasoning tokens
  think-*     a reasoning item (summary + encrypted_content), then the message
  failed-*    response.created, then response.failed (server_error)
  errorev-*   response.created, then an `error` event (rate_limit_exceeded)
"""

from __future__ import annotations

from typing import Any

import orjson

USAGE = {"input_tokens": 40, "input_tokens_details": {"cached_tokens": 30}, "output_tokens": 12,
         "output_tokens_details": {"reasoning_tokens": 5}, "total_tokens": 52}


def _items(model: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    if model.startswith("think-"):
        items.append({"id": "rs_fake", "type": "reasoning", "encrypted_content": "gAAAA-fake",
                      "summary": [{"type": "summary_text", "text": "secret plan"}]})
    items.append({"id": "msg_fake", "type": "message", "status": "completed", "role": "assistant",
                  "content": [{"type": "output_text", "text": "fake answer", "annotations": []}]})
    return items


def whole(model: str) -> dict[str, Any]:
    return {"id": "resp_fake", "object": "response", "created_at": 1, "status": "completed", "model": model,
            "output": _items(model), "error": None, "incomplete_details": None, "tools": [],
            "tool_choice": "auto", "parallel_tool_calls": True, "usage": USAGE}


def events(model: str) -> list[bytes]:
    seq = iter(range(1000))

    def ev(kind: str, **fields: Any) -> bytes:
        return f"event: {kind}\n".encode() + b"data: " + orjson.dumps(
            {"type": kind, "sequence_number": next(seq), **fields}) + b"\n\n"

    pending = {**whole(model), "status": "in_progress", "output": [], "usage": None}
    out = [ev("response.created", response=pending)]
    if model.startswith("failed-"):
        failed = {**pending, "status": "failed", "error": {"code": "server_error", "message": "upstream broke"}}
        return [*out, ev("response.failed", response=failed)]
    if model.startswith("errorev-"):
        return [*out, ev("error", code="rate_limit_exceeded", message="slow down", param=None)]
    out.append(ev("response.in_progress", response=pending))
    for index, item in enumerate(_items(model)):
        at = {"item_id": item["id"], "output_index": index}
        if item["type"] == "reasoning":
            out.append(ev("response.output_item.added", output_index=index,
                          item={**item, "summary": [], "encrypted_content": None}))
            out.append(ev("response.reasoning_summary_part.added", **at, summary_index=0,
                          part={"type": "summary_text", "text": ""}))
            out += [ev("response.reasoning_summary_text.delta", **at, summary_index=0, delta=w)
                    for w in ("secret ", "plan")]
            out.append(ev("response.reasoning_summary_text.done", **at, summary_index=0, text="secret plan"))
            out.append(ev("response.reasoning_summary_part.done", **at, summary_index=0,
                          part={"type": "summary_text", "text": "secret plan"}))
        else:
            out.append(ev("response.output_item.added", output_index=index,
                          item={**item, "content": [], "status": "in_progress"}))
            out.append(ev("response.content_part.added", **at, content_index=0,
                          part={"type": "output_text", "text": "", "annotations": []}))
            out += [ev("response.output_text.delta", **at, content_index=0, delta=w) for w in ("fake ", "answer")]
            out.append(ev("response.output_text.done", **at, content_index=0, text="fake answer"))
            out.append(ev("response.content_part.done", **at, content_index=0, part=item["content"][0]))
        out.append(ev("response.output_item.done", output_index=index, item=item))
    out.append(ev("response.completed", response=whole(model)))
    return out


def stored(method: str, path: str) -> tuple[int, bytes]:
    """GET / DELETE /v1/responses/resp_fake and its input_items: the stored think-1 answer."""
    response_id, _, tail = path.split("?")[0].removeprefix("/v1/responses/").partition("/")
    if response_id != "resp_fake":
        return 404, orjson.dumps({"error": {"message": f"No response found with id '{response_id}'.",
                                            "type": "invalid_request_error", "param": None, "code": None}})
    if tail == "input_items":
        data = [{"id": "msg_in", "type": "message", "role": "user", "content": [{"type": "input_text", "text": "hi"}]},
                _items("think-1")[0]]
        return 200, orjson.dumps({"object": "list", "data": data, "first_id": "msg_in", "last_id": "rs_fake",
                                  "has_more": False})
    if method == "DELETE":
        return 200, orjson.dumps({"id": response_id, "object": "response", "deleted": True})
    return 200, orjson.dumps(whole("think-1"))
