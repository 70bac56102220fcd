"""A recording fake upstream that speaks the OpenAI and Anthropic HTTP APIs.

Shapes come from the published API references and the official SDKs' types (see README.md in this
folder for the file each one was taken from). Every answer is a deterministic function of the request's
model and message text, so the same client call made directly and through Moat gets byte-identical
answers: any difference the client sees is the gateway's.

It records every request it receives (method, path, query, headers in order, raw body bytes).

Scripted behaviour by model name:
  *-fail-500 / *-fail-503 / *-fail-429 / claude-*-fail-529   an error in the API's own body
  *-midstream-error                                         a stream that breaks with an error event
  claude-*-slow-tail                                        a stream that pauses 2 s before message_delta
  *-slow-background                                         a background response that takes 60 s (to cancel)

Stored responses and background mode (`background: true`, retrieve, resume, cancel): fake_background.py.
  text-embedding-big                                        a ~20 MB embeddings answer
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import json
import struct
import threading
from dataclasses import dataclass
from typing import Any

from tests.conformance.fake_background import Background, ResponsePlan
from tests.moat_process import ServedInThread

OPENAI_HEADERS = [
    ("openai-organization", "org-conformance"),
    ("openai-processing-ms", "321"),
    ("openai-version", "2020-10-01"),
    ("x-ratelimit-limit-requests", "10000"),
    ("x-ratelimit-limit-tokens", "30000000"),
    ("x-ratelimit-remaining-requests", "9999"),
    ("x-ratelimit-remaining-tokens", "29999980"),
    ("x-ratelimit-reset-requests", "6ms"),
    ("x-ratelimit-reset-tokens", "0s"),
]
ANTHROPIC_HEADERS = [
    ("anthropic-organization-id", "0b7c1a8e-6d0f-4f4e-9c2b-conformance"),
    ("anthropic-ratelimit-requests-limit", "4000"),
    ("anthropic-ratelimit-requests-remaining", "3999"),
    ("anthropic-ratelimit-requests-reset", "2026-12-06T16:30:01Z"),
    ("anthropic-ratelimit-tokens-limit", "2000000"),
    ("anthropic-ratelimit-tokens-remaining", "1999000"),
    ("anthropic-ratelimit-tokens-reset", "2026-12-06T16:30:01Z"),
    ("anthropic-ratelimit-input-tokens-limit", "1600000"),
    ("anthropic-ratelimit-input-tokens-remaining", "1599000"),
    ("anthropic-ratelimit-input-tokens-reset", "2026-12-06T16:30:01Z"),
    ("anthropic-ratelimit-output-tokens-limit", "400000"),
    ("anthropic-ratelimit-output-tokens-remaining", "400000"),
    ("anthropic-ratelimit-output-tokens-reset", "2026-12-06T16:30:01Z"),
]
# Headers upstream sets that a client must see unchanged through the gateway.
RELAYED_OPENAI = [name for name, _ in OPENAI_HEADERS]
RELAYED_ANTHROPIC = [name for name, _ in ANTHROPIC_HEADERS]

# Fixed usage figures, so metering can be checked exactly.
ANTHROPIC_CACHE_WRITE = 2048
ANTHROPIC_CACHE_READ = 4096
ANTHROPIC_THINKING_TOKENS = 48
OPENAI_CACHED = 1024
OPENAI_REASONING = 64


@dataclass
class Recorded:
    method: str
    path: str
    query: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k == name.lower()]
        return values[0] if values else None

    def header_list(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k == name.lower()]

    @property
    def decoded_body(self) -> bytes:
        if (self.header("content-encoding") or "").lower() == "gzip":
            return gzip.decompress(self.body)
        return self.body

    def json(self) -> Any:
        return json.loads(self.decoded_body)


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        out = []
        for part in content:
            if isinstance(part, dict):
                out.append(str(part.get("text") or part.get("content") or ""))
            else:
                out.append(str(part))
        return " ".join(out)
    return ""


def _last_user_text(body: dict[str, Any]) -> str:
    if "messages" in body:
        for message in reversed(body["messages"]):
            if message.get("role") == "user":
                return _text_of(message.get("content"))
        return ""
    value = body.get("input", body.get("prompt", ""))
    if isinstance(value, list):
        texts = []
        for item in value:
            if isinstance(item, dict) and item.get("role") == "user":
                texts.append(_text_of(item.get("content")))
            elif isinstance(item, str):
                texts.append(item)
        return texts[-1] if texts else ""
    return str(value)


def _words(text: str) -> int:
    return len(text.split())


def _ident(body: dict[str, Any], prefix: str) -> str:
    seed = f"{body.get('model')}|{_last_user_text(body)}".encode()
    return prefix + hashlib.sha256(seed).hexdigest()[:24]


def _reply_words(body: dict[str, Any]) -> list[str]:
    text = _last_user_text(body)
    return ["Echo:", *text.split()[:12], "—", "the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog."]


def _sse(event: str | None, data: Any) -> bytes:
    payload = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"))
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {payload}\n\n".encode()


def responses_plan(body: dict[str, Any], *, background: bool = False) -> ResponsePlan:
    """The deterministic answer to a `POST /v1/responses` body. A background stream opens as OpenAI's
    does: `response.created` and `response.queued` (status `queued`), then `response.in_progress`."""
    model = body["model"]
    ident = _ident(body, "resp_")
    words = _reply_words(body)
    text = " ".join(words)
    reasoning = body.get("reasoning") is not None
    tools = [t for t in body.get("tools") or [] if t.get("type") == "function"]
    input_tokens = 10 + _words(json.dumps(body.get("input")))
    cached = OPENAI_CACHED if body.get("prompt_cache_key") else 0
    reasoning_tokens = OPENAI_REASONING if reasoning else 0
    usage = {"input_tokens": input_tokens + cached, "input_tokens_details": {"cached_tokens": cached},
             "output_tokens": len(words) + reasoning_tokens,
             "output_tokens_details": {"reasoning_tokens": reasoning_tokens},
             "total_tokens": input_tokens + cached + len(words) + reasoning_tokens}
    rs_id, msg_id, fc_id = _ident(body, "rs_"), _ident(body, "msg_"), _ident(body, "fc_")
    summary = "Thinking about the echo."
    reasoning_item = {"id": rs_id, "type": "reasoning", "summary": [{"type": "summary_text", "text": summary}]}
    message_item = {"id": msg_id, "type": "message", "status": "completed", "role": "assistant",
                    "content": [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}]}
    call_item = ({"id": fc_id, "type": "function_call", "status": "completed", "arguments": '{"city":"Paris"}',
                  "call_id": _ident(body, "call_"), "name": tools[0]["name"]} if tools else None)
    output = [*([reasoning_item] if reasoning else []), *([call_item] if call_item else [message_item])]

    def response(status: str, out: list[Any], use: Any) -> dict[str, Any]:
        return {"id": ident, "object": "response", "created_at": 1764950000, "status": status,
                "background": background, "error": None, "incomplete_details": None,
                "instructions": body.get("instructions"), "max_output_tokens": body.get("max_output_tokens"),
                "max_tool_calls": None, "model": model, "output": out, "parallel_tool_calls": True,
                "previous_response_id": None,
                "reasoning": {"effort": (body.get("reasoning") or {}).get("effort"), "summary": None},
                "service_tier": "default", "store": True, "temperature": 1.0,
                "text": {"format": {"type": "text"}, "verbosity": "medium"}, "tool_choice": "auto",
                "tools": body.get("tools") or [], "top_logprobs": 0, "top_p": 1.0, "truncation": "disabled",
                "usage": use, "user": None, "metadata": {}}

    events: list[dict[str, Any]] = []

    def ev(kind: str, **fields: Any) -> None:
        events.append({"type": kind, "sequence_number": len(events), **fields})

    if background:
        ev("response.created", response=response("queued", [], None))
        ev("response.queued", response=response("queued", [], None))
    else:
        ev("response.created", response=response("in_progress", [], None))
    ev("response.in_progress", response=response("in_progress", [], None))
    index = 0
    if reasoning:
        ev("response.output_item.added", output_index=index, item={**reasoning_item, "summary": []})
        ev("response.reasoning_summary_part.added", item_id=rs_id, output_index=index, summary_index=0,
           part={"type": "summary_text", "text": ""})
        for piece in ("Thinking about", " the echo."):
            ev("response.reasoning_summary_text.delta", item_id=rs_id, output_index=index, summary_index=0,
               delta=piece)
        ev("response.reasoning_summary_text.done", item_id=rs_id, output_index=index, summary_index=0, text=summary)
        ev("response.reasoning_summary_part.done", item_id=rs_id, output_index=index, summary_index=0,
           part={"type": "summary_text", "text": summary})
        ev("response.output_item.done", output_index=index, item=reasoning_item)
        index += 1
    if call_item:
        ev("response.output_item.added", output_index=index,
           item={**call_item, "status": "in_progress", "arguments": ""})
        for piece in ('{"city":', '"Paris"}'):
            ev("response.function_call_arguments.delta", item_id=fc_id, output_index=index, delta=piece)
        ev("response.function_call_arguments.done", item_id=fc_id, output_index=index,
           arguments=call_item["arguments"], name=call_item["name"])
        ev("response.output_item.done", output_index=index, item=call_item)
    else:
        ev("response.output_item.added", output_index=index,
           item={**message_item, "status": "in_progress", "content": []})
        ev("response.content_part.added", item_id=msg_id, output_index=index, content_index=0,
           part={"type": "output_text", "text": "", "annotations": [], "logprobs": []})
        for i, word in enumerate(words):
            ev("response.output_text.delta", item_id=msg_id, output_index=index, content_index=0,
               delta=word if i == 0 else " " + word, logprobs=[])
            if model.endswith("-midstream-error") and i == 3:
                ev("error", code="server_error", message="The server had an error while processing your "
                   "request.", param=None)
                return ResponsePlan(response("failed", [], None), events, broke=True)
        ev("response.output_text.done", item_id=msg_id, output_index=index, content_index=0, text=text,
           logprobs=[])
        ev("response.content_part.done", item_id=msg_id, output_index=index, content_index=0,
           part=message_item["content"][0])
        ev("response.output_item.done", output_index=index, item=message_item)
    final = response("completed", output, usage)
    ev("response.completed", response=final)
    return ResponsePlan(final, events)


class FakeUpstream(ServedInThread):
    what = "fake upstream"

    def __init__(self) -> None:
        self.records: list[Recorded] = []
        self._lock = threading.Lock()
        self._big_embeddings: bytes | None = None
        self.background = Background()
        super().__init__()

    @property
    def base(self) -> str:
        return f"{self.url}/v1"

    def mark(self) -> int:
        with self._lock:
            return len(self.records)

    def since(self, mark: int) -> list[Recorded]:
        with self._lock:
            return list(self.records[mark:])

    # -- ASGI -----------------------------------------------------------------------------------

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        raw = b"".join(chunks)
        record = Recorded(scope["method"], scope["path"], scope.get("query_string", b"").decode(),
                          [(k.decode().lower(), v.decode("latin-1")) for k, v in scope["headers"]], raw)
        with self._lock:
            self.records.append(record)
        try:
            await self._route(record, send)
        except Exception as exc:  # a bug in the fake must show, not hang
            await self._json(send, 599, {"fake_upstream_bug": repr(exc)}, [])

    async def _route(self, rec: Recorded, send: Any) -> None:
        path = rec.path
        if path.startswith("/v1/models"):
            return await self._models(rec, send)
        body = rec.json() if rec.body else {}
        if path == "/v1/chat/completions":
            return await self._chat(body, send)
        if path == "/v1/responses":
            return await self._responses(body, send, rec)
        if path.startswith("/v1/responses/"):
            return await self._stored_response(rec, send)
        if path == "/v1/completions":
            return await self._completions(body, send)
        if path == "/v1/embeddings":
            return await self._embeddings(body, send)
        if path == "/v1/messages":
            return await self._messages(body, send)
        if path == "/v1/messages/count_tokens":
            return await self._json(send, 200, {"input_tokens": 10 + _words(json.dumps(body.get("messages")))},
                                    self._anthropic_headers(body))
        await self._json(send, 404, {"error": {"message": f"Unknown path {path}", "type": "invalid_request_error",
                                               "param": None, "code": "unknown_url"}}, [])

    # -- helpers --------------------------------------------------------------------------------

    @staticmethod
    def _openai_headers(body: dict[str, Any]) -> list[tuple[str, str]]:
        return [("x-request-id", _ident(body, "req_")), *OPENAI_HEADERS]

    @staticmethod
    def _anthropic_headers(body: dict[str, Any]) -> list[tuple[str, str]]:
        return [("request-id", _ident(body, "req_01")), *ANTHROPIC_HEADERS]

    @staticmethod
    async def _json(send: Any, status: int, obj: Any, headers: list[tuple[str, str]], raw: bytes | None = None) -> None:
        data = raw if raw is not None else _dumps(obj)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
                                *[(k.encode(), v.encode()) for k, v in headers]]})
        await send({"type": "http.response.body", "body": data})

    @staticmethod
    async def _stream(send: Any, events: list[bytes | float], headers: list[tuple[str, str]]) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache"),
                                *[(k.encode(), v.encode()) for k, v in headers]]})
        for event in events:
            if isinstance(event, float):
                await asyncio.sleep(event)
                continue
            try:
                await send({"type": "http.response.body", "body": event, "more_body": True})
            except OSError:
                return
        await send({"type": "http.response.body", "body": b""})

    async def _openai_failure(self, body: dict[str, Any], send: Any) -> bool:
        model = str(body.get("model", ""))
        headers = self._openai_headers(body)
        if model.endswith("-fail-500"):
            await self._json(send, 500, {"error": {"message": "The server had an error while processing your request. "
                                                   "Sorry about that!", "type": "server_error", "param": None,
                                                   "code": None}}, headers)
        elif model.endswith("-fail-503"):
            await self._json(send, 503, {"error": {"message": "The engine is currently overloaded, please try again "
                                                   "later", "type": "server_error", "param": None, "code": None}},
                             headers)
        elif model.endswith("-fail-429"):
            await self._json(send, 429, {"error": {"message": "Rate limit reached for requests",
                                                   "type": "requests", "param": None, "code": "rate_limit_exceeded"}},
                             [*headers, ("retry-after", "7")])
        else:
            return False
        return True

    # -- OpenAI ---------------------------------------------------------------------------------

    @staticmethod
    def _chat_usage(body: dict[str, Any], completion: int) -> dict[str, Any]:
        prompt = 10 + _words(json.dumps(body.get("messages")))
        reasoning = OPENAI_REASONING if body.get("reasoning_effort") else 0
        cached = OPENAI_CACHED if body.get("prompt_cache_key") else 0
        return {"prompt_tokens": prompt + cached, "completion_tokens": completion + reasoning,
                "total_tokens": prompt + cached + completion + reasoning,
                "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": reasoning, "audio_tokens": 0,
                                              "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}

    async def _chat(self, body: dict[str, Any], send: Any) -> None:
        if await self._openai_failure(body, send):
            return
        model = body["model"]
        ident = _ident(body, "chatcmpl-")
        words = _reply_words(body)
        tools = body.get("tools") or []
        tool_calls = None
        if tools:
            name = tools[0]["function"]["name"]
            tool_calls = [{"id": _ident(body, "call_"), "type": "function",
                           "function": {"name": name, "arguments": '{"city":"Paris","unit":"celsius"}'}}]
        headers = self._openai_headers(body)
        usage = self._chat_usage(body, len(words))
        if not body.get("stream"):
            message: dict[str, Any] = {"role": "assistant", "content": None if tool_calls else " ".join(words),
                                       "refusal": None, "annotations": []}
            if tool_calls:
                message["tool_calls"] = tool_calls
            obj = {"id": ident, "object": "chat.completion", "created": 1764950000, "model": model,
                   "choices": [{"index": 0, "message": message, "logprobs": None,
                                "finish_reason": "tool_calls" if tool_calls else "stop"}],
                   "usage": usage, "service_tier": "default", "system_fingerprint": "fp_conformance"}
            return await self._json(send, 200, obj, headers)
        base = {"id": ident, "object": "chat.completion.chunk", "created": 1764950000, "model": model,
                "service_tier": "default", "system_fingerprint": "fp_conformance"}
        events: list[bytes | float] = []

        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            return _sse(None, {**base, "choices": [{"index": 0, "delta": delta, "logprobs": None,
                                                    "finish_reason": finish}]})

        events.append(chunk({"role": "assistant", "content": "", "refusal": None}))
        if tool_calls:
            call = tool_calls[0]
            events.append(chunk({"tool_calls": [{"index": 0, "id": call["id"], "type": "function",
                                                 "function": {"name": call["function"]["name"], "arguments": ""}}]}))
            for piece in ('{"city":', '"Paris","unit":', '"celsius"}'):
                events.append(chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}))
        else:
            for i, word in enumerate(words):
                events.append(chunk({"content": word if i == 0 else " " + word}))
                if model.endswith("-midstream-error") and i == 3:
                    events.append(_sse(None, {"error": {"message": "The server had an error while processing your "
                                                        "request.", "type": "server_error", "param": None,
                                                        "code": None}}))
                    return await self._stream(send, events, headers)
        events.append(chunk({}, "tool_calls" if tool_calls else "stop"))
        if (body.get("stream_options") or {}).get("include_usage"):
            events.append(_sse(None, {**base, "choices": [], "usage": usage}))
        events.append(b"data: [DONE]\n\n")
        await self._stream(send, events, headers)

    async def _completions(self, body: dict[str, Any], send: Any) -> None:
        if await self._openai_failure(body, send):
            return
        words = _reply_words(body)
        prompt = 10 + _words(str(body.get("prompt")))
        usage = {"prompt_tokens": prompt, "completion_tokens": len(words), "total_tokens": prompt + len(words)}
        ident = _ident(body, "cmpl-")
        headers = self._openai_headers(body)
        if not body.get("stream"):
            obj = {"id": ident, "object": "text_completion", "created": 1764950000, "model": body["model"],
                   "choices": [{"text": " " + " ".join(words), "index": 0, "logprobs": None, "finish_reason": "stop"}],
                   "usage": usage, "system_fingerprint": "fp_conformance"}
            return await self._json(send, 200, obj, headers)
        events: list[bytes | float] = []
        for word in words:
            events.append(_sse(None, {"id": ident, "object": "text_completion", "created": 1764950000,
                                      "model": body["model"], "system_fingerprint": "fp_conformance",
                                      "choices": [{"text": " " + word, "index": 0, "logprobs": None,
                                                   "finish_reason": None}]}))
        events.append(_sse(None, {"id": ident, "object": "text_completion", "created": 1764950000,
                                  "model": body["model"], "system_fingerprint": "fp_conformance",
                                  "choices": [{"text": "", "index": 0, "logprobs": None, "finish_reason": "stop"}]}))
        if (body.get("stream_options") or {}).get("include_usage"):
            events.append(_sse(None, {"id": ident, "object": "text_completion", "created": 1764950000,
                                      "model": body["model"], "choices": [], "usage": usage}))
        events.append(b"data: [DONE]\n\n")
        await self._stream(send, events, headers)

    def big_embeddings(self) -> bytes:
        """~20 MB: 2,600 float embeddings of 1,536 dimensions each."""
        if self._big_embeddings is None:
            vector = ",".join(f"{((i * 7919) % 2000 - 1000) / 1000.0:.6f}" for i in range(1536))
            items = ",".join(f'{{"object":"embedding","index":{i},"embedding":[{vector}]}}' for i in range(2600))
            self._big_embeddings = (f'{{"object":"list","data":[{items}],"model":"text-embedding-big",'
                                    f'"usage":{{"prompt_tokens":2600,"total_tokens":2600}}}}').encode()
        return self._big_embeddings

    async def _embeddings(self, body: dict[str, Any], send: Any) -> None:
        if await self._openai_failure(body, send):
            return
        headers = self._openai_headers(body)
        if body.get("model") == "text-embedding-big":
            return await self._json(send, 200, None, headers, raw=self.big_embeddings())
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        dims = int(body.get("dimensions") or 8)
        data = []
        total = 0
        for i, text in enumerate(inputs):
            text = text if isinstance(text, str) else json.dumps(text)
            total += _words(text) + 1
            digest = hashlib.sha256(text.encode()).digest()
            vector = [((digest[j % 32] - 128) / 128.0) for j in range(dims)]
            if body.get("encoding_format") == "base64":
                embedding: Any = base64.b64encode(struct.pack(f"<{dims}f", *vector)).decode()
            else:
                embedding = vector
            data.append({"object": "embedding", "index": i, "embedding": embedding})
        await self._json(send, 200, {"object": "list", "data": data, "model": body["model"],
                                     "usage": {"prompt_tokens": total, "total_tokens": total}}, headers)

    async def _models(self, rec: Recorded, send: Any) -> None:
        anthropic = rec.header("anthropic-version") is not None
        parts = rec.path.rstrip("/").split("/")
        if anthropic:
            models = [{"type": "model", "id": "claude-sonnet-4-5-20250929", "display_name": "Claude Sonnet 4.5",
                       "created_at": "2025-09-29T00:00:00Z"},
                      {"type": "model", "id": "claude-haiku-4-5-20251001", "display_name": "Claude Haiku 4.5",
                       "created_at": "2025-10-01T00:00:00Z"}]
            headers = [("request-id", "req_01models"), *ANTHROPIC_HEADERS]
            if len(parts) == 4:
                found = [m for m in models if m["id"] == parts[3]]
                if not found:
                    return await self._json(send, 404, {"type": "error", "error": {"type": "not_found_error",
                                                        "message": f"model: {parts[3]}"}}, headers)
                return await self._json(send, 200, found[0], headers)
            return await self._json(send, 200, {"data": models, "has_more": False, "first_id": models[0]["id"],
                                                "last_id": models[-1]["id"]}, headers)
        models = [{"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"},
                  {"id": "gpt-5", "object": "model", "created": 1754425777, "owned_by": "system"},
                  {"id": "text-embedding-3-small", "object": "model", "created": 1705948997, "owned_by": "system"}]
        headers = [("x-request-id", "req_models"), *OPENAI_HEADERS]
        if len(parts) == 4:
            found = [m for m in models if m["id"] == parts[3]]
            if not found:
                return await self._json(send, 404, {"error": {"message": f"The model '{parts[3]}' does not exist",
                                                              "type": "invalid_request_error", "param": "model",
                                                              "code": "model_not_found"}}, headers)
            return await self._json(send, 200, found[0], headers)
        await self._json(send, 200, {"object": "list", "data": models}, headers)

    async def _responses(self, body: dict[str, Any], send: Any, rec: Recorded) -> None:
        if await self._openai_failure(body, send):
            return
        headers = self._openai_headers(body)
        background = bool(body.get("background"))
        plan = responses_plan(body, background=background)
        credential = rec.header("authorization") or ""
        if body.get("store", True) is not False and not plan.broke:
            self.background.keep(credential, plan, headers, slow=str(body["model"]).endswith("-slow-background"))
        if background:
            if not body.get("stream"):
                return await self._json(send, 200, plan.events[0]["response"], headers)
            return await self._stream(send, self.background.stream(credential, plan.response["id"], -1), headers)
        if not body.get("stream"):
            return await self._json(send, 200, plan.response, headers)
        await self._stream(send, [_sse(event["type"], event) for event in plan.events], headers)

    async def _stored_response(self, rec: Recorded, send: Any) -> None:
        """GET /v1/responses/{id} (`stream`, `starting_after` too) and POST /v1/responses/{id}/cancel."""
        parts = rec.path.strip("/").split("/")
        answer = self.background.answer(rec.header("authorization") or "", rec.method, parts[2], parts[3:],
                                        rec.query)
        if answer.events is not None:
            return await self._stream(send, answer.events, answer.headers)
        await self._json(send, answer.status, answer.body, answer.headers)

    # -- Anthropic ------------------------------------------------------------------------------

    async def _anthropic_failure(self, body: dict[str, Any], send: Any) -> bool:
        model = str(body.get("model", ""))
        headers = self._anthropic_headers(body)
        rid = headers[0][1]
        table = {"-fail-529": (529, "overloaded_error", "Overloaded"),
                 "-fail-500": (500, "api_error", "Internal server error"),
                 "-fail-503": (503, "api_error", "Service unavailable"),
                 "-fail-429": (429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate "
                                                        "limit")}
        for suffix, (status, kind, message) in table.items():
            if model.endswith(suffix):
                extra = [("retry-after", "7")] if status == 429 else []
                await self._json(send, status, {"type": "error", "error": {"type": kind, "message": message},
                                                "request_id": rid}, [*headers, *extra])
                return True
        return False

    @staticmethod
    def _anthropic_usage(body: dict[str, Any], output: int) -> dict[str, Any]:
        cached = '"cache_control"' in json.dumps(body)
        write = ANTHROPIC_CACHE_WRITE if cached else 0
        read = ANTHROPIC_CACHE_READ if cached else 0
        usage: dict[str, Any] = {"input_tokens": 10 + _words(json.dumps(body.get("messages"))),
                                 "cache_creation_input_tokens": write, "cache_read_input_tokens": read,
                                 "cache_creation": {"ephemeral_5m_input_tokens": write, "ephemeral_1h_input_tokens": 0},
                                 "output_tokens": output, "service_tier": "standard"}
        return usage

    async def _messages(self, body: dict[str, Any], send: Any) -> None:
        if await self._anthropic_failure(body, send):
            return
        model = body["model"]
        ident = _ident(body, "msg_01")
        words = _reply_words(body)
        thinking = (body.get("thinking") or {}).get("type") in ("enabled", "adaptive")
        tools = body.get("tools") or []
        thought = "The user wants an echo. I will repeat their words back."
        signature = base64.b64encode(hashlib.sha512(ident.encode()).digest()).decode()
        blocks: list[dict[str, Any]] = []
        if thinking:
            blocks.append({"type": "thinking", "thinking": thought, "signature": signature})
        blocks.append({"type": "text", "text": " ".join(words)})
        if tools:
            blocks.append({"type": "tool_use", "id": _ident(body, "toolu_01"), "name": tools[0]["name"],
                           "input": {"city": "Paris", "unit": "celsius"}})
        output = len(words) + (ANTHROPIC_THINKING_TOKENS if thinking else 0) + (12 if tools else 0)
        usage = self._anthropic_usage(body, output)
        if thinking:
            usage["output_tokens_details"] = {"thinking_tokens": ANTHROPIC_THINKING_TOKENS}
        stop = "tool_use" if tools else "end_turn"
        headers = self._anthropic_headers(body)
        if not body.get("stream"):
            obj = {"id": ident, "type": "message", "role": "assistant", "model": model, "content": blocks,
                   "stop_reason": stop, "stop_sequence": None, "usage": usage}
            return await self._json(send, 200, obj, headers)
        start_usage = {**usage, "output_tokens": 1}
        events: list[bytes | float] = [
            _sse("message_start", {"type": "message_start", "message": {
                "id": ident, "type": "message", "role": "assistant", "model": model, "content": [],
                "stop_reason": None, "stop_sequence": None, "usage": start_usage}}),
            _sse("ping", {"type": "ping"})]
        for index, block in enumerate(blocks):
            if block["type"] == "thinking":
                events.append(_sse("content_block_start", {"type": "content_block_start", "index": index,
                                                           "content_block": {"type": "thinking", "thinking": "",
                                                                             "signature": ""}}))
                for piece in ("The user wants an echo.", " I will repeat their words back."):
                    events.append(_sse("content_block_delta", {"type": "content_block_delta", "index": index,
                                                               "delta": {"type": "thinking_delta", "thinking": piece}}))
                events.append(_sse("content_block_delta", {"type": "content_block_delta", "index": index,
                                                           "delta": {"type": "signature_delta",
                                                                     "signature": signature}}))
            elif block["type"] == "text":
                events.append(_sse("content_block_start", {"type": "content_block_start", "index": index,
                                                           "content_block": {"type": "text", "text": ""}}))
                for i, word in enumerate(words):
                    events.append(_sse("content_block_delta", {"type": "content_block_delta", "index": index,
                                                               "delta": {"type": "text_delta",
                                                                         "text": word if i == 0 else " " + word}}))
                    if model.endswith("-midstream-error") and i == 3:
                        events.append(_sse("error", {"type": "error", "error": {"type": "overloaded_error",
                                                                                "message": "Overloaded"}}))
                        return await self._stream(send, events, headers)
            else:
                events.append(_sse("content_block_start", {"type": "content_block_start", "index": index,
                                                           "content_block": {**block, "input": {}}}))
                for piece in ('{"city": "Par', 'is", "unit": "celsius"}'):
                    events.append(_sse("content_block_delta", {"type": "content_block_delta", "index": index,
                                                               "delta": {"type": "input_json_delta",
                                                                         "partial_json": piece}}))
            events.append(_sse("content_block_stop", {"type": "content_block_stop", "index": index}))
        if model.endswith("-slow-tail"):
            events.append(2.0)
        delta_usage = {k: usage[k] for k in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens",
                                             "output_tokens")}
        if "output_tokens_details" in usage:  # MessageDeltaUsage carries it too (anthropic 2.17 types)
            delta_usage["output_tokens_details"] = usage["output_tokens_details"]
        events.append(_sse("message_delta", {"type": "message_delta",
                                             "delta": {"stop_reason": stop, "stop_sequence": None},
                                             "usage": delta_usage}))
        events.append(_sse("message_stop", {"type": "message_stop"}))
        await self._stream(send, events, headers)
