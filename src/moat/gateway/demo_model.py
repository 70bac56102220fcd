"""The built-in demo model: answers both APIs, streaming included, deterministically.

It stands in for a real upstream on a laptop and in tests: chat, legacy completions, Responses
(moat.gateway.demo_responses), embeddings, Messages. It runs in-process but speaks in the
same bytes an HTTP upstream would, so the relay path (metering, redaction, recording) is the one
production uses. It emits reasoning when asked (OpenAI `reasoning_content`, Anthropic `thinking`
blocks) so reasoning redaction can be shown without a real model.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import AsyncIterator
from typing import Any

import orjson

from moat.gateway.demo_responses import ResponsesAnswer
from moat.gateway.sse import data_event
from moat.gateway.tokens import content_text, estimate_tokens

MODELS = ("moat-demo", "moat-demo-reasoning")
_WORDS = ("gateway", "policy", "model", "request", "stream", "token", "decision", "account", "audit",
          "limit", "answer", "signal", "review", "evidence", "platform", "organization")


def _answer(prompt: str, max_tokens: int | None) -> tuple[str, str, bool]:
    """(answer, reasoning, truncated) derived from the prompt alone."""
    digest = hashlib.sha256(prompt.encode()).digest()
    words = [_WORDS[b % len(_WORDS)] for b in digest[:16]]
    answer = f"Demo answer to: {prompt[:60]!r}. Key terms: {' '.join(words)}."
    reasoning = (f"The user asked about {prompt[:40]!r}. Step 1: read the question. "
                 f"Step 2: pick terms {', '.join(words[:4])}. Step 3: answer briefly.")
    truncated = False
    if max_tokens is not None and estimate_tokens(answer) > max_tokens:
        answer = answer[: max(1, max_tokens * 4)]
        truncated = True
    return answer, reasoning, truncated


def _pieces(text: str, n: int) -> list[str]:
    size = max(1, -(-len(text) // n))
    return [text[i:i + size] for i in range(0, len(text), size)]


class DemoResponse:
    __slots__ = ("_body", "_events", "content_type", "headers", "retry_after", "status")

    def __init__(self, status: int, body: bytes = b"", events: list[bytes] | None = None) -> None:
        self.status = status
        self._body = body
        self._events = events
        self.content_type = "text/event-stream" if events is not None else "application/json"
        self.retry_after: str | None = None
        self.headers: list[tuple[bytes, bytes]] = [(b"content-type", self.content_type.encode())]

    async def read(self) -> bytes:
        return self._body

    async def chunks(self) -> AsyncIterator[bytes]:
        if self._events is None:
            if self._body:
                yield self._body
            return
        for event in self._events:
            yield event

    def close(self) -> None:
        pass


def _error(api: str, status: int, message: str) -> DemoResponse:
    if api == "anthropic":
        body = {"type": "error", "error": {"type": "invalid_request_error", "message": message}}
    else:
        body = {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": None}}
    return DemoResponse(status, orjson.dumps(body))


class DemoModel:
    name = "demo"
    dialects = frozenset({"openai", "anthropic"})

    def __init__(self, chunks: int = 20) -> None:
        self.chunks = chunks

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        pass

    async def send(self, api: str, path: str, body: bytes, *, stream: bool,
                   headers: Any, query: bytes = b"") -> DemoResponse:
        payload: dict[str, Any] = orjson.loads(body)
        if api == "openai" and path == "/chat/completions":
            return self._openai_chat(payload, stream)
        if api == "openai" and path == "/embeddings":
            return self._openai_embeddings(payload)
        if api == "openai" and path == "/responses":
            return self._openai_responses(payload, stream)
        if api == "openai" and path == "/completions":
            return self._openai_completions(payload, stream)
        if api == "openai" and path == "/responses/input_tokens":
            return DemoResponse(200, orjson.dumps({"object": "response.input_tokens",
                                                   "input_tokens": _responses_input_tokens(payload)}))
        if api == "openai" and path == "/responses/compact":
            return self._openai_compact(payload)
        if api == "anthropic" and path == "/messages":
            return self._anthropic_messages(payload, stream)
        if api == "anthropic" and path == "/messages/count_tokens":
            return DemoResponse(200, orjson.dumps({"input_tokens": _anthropic_input_tokens(payload)}))
        return _error(api, 404, f"the demo model does not serve {path}")

    # ---- OpenAI ---------------------------------------------------------------------------
    def _openai_chat(self, payload: dict[str, Any], stream: bool) -> DemoResponse:
        messages = payload.get("messages") or []
        prompt = next((content_text(m.get("content")) for m in reversed(messages)
                       if isinstance(m, dict) and m.get("role") == "user"), "")
        max_tokens = payload.get("max_completion_tokens") or payload.get("max_tokens")
        answer, reasoning, truncated = _answer(prompt, max_tokens)
        effort = payload.get("reasoning_effort")
        think = (effort not in (None, "none", "minimal")) or isinstance(payload.get("reasoning"), dict)
        prompt_tokens = sum(estimate_tokens(content_text(m.get("content"))) + 3
                            for m in messages if isinstance(m, dict))
        completion_tokens = estimate_tokens(answer) + (estimate_tokens(reasoning) if think else 0)
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                 "total_tokens": prompt_tokens + completion_tokens}
        model = payload.get("model", MODELS[0])
        rid = "chatcmpl-demo" + hashlib.sha1(prompt.encode()).hexdigest()[:20]
        created = int(time.time())
        finish = "length" if truncated else "stop"
        if not stream:
            message: dict[str, Any] = {"role": "assistant", "content": answer, "refusal": None}
            if think:
                message["reasoning_content"] = reasoning
            return DemoResponse(200, orjson.dumps({
                "id": rid, "object": "chat.completion", "created": created, "model": model,
                "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
                "usage": usage,
            }))
        base = {"id": rid, "object": "chat.completion.chunk", "created": created, "model": model}

        def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> bytes:
            return data_event(orjson.dumps({**base, "choices": [
                {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}]}))

        events = [chunk({"role": "assistant", "content": ""})]
        n = self.chunks
        if think:
            events += [chunk({"reasoning_content": p}) for p in _pieces(reasoning, max(1, n // 4))]
        events += [chunk({"content": p}) for p in _pieces(answer, n)]
        events.append(chunk({}, finish))
        if (payload.get("stream_options") or {}).get("include_usage"):
            events.append(data_event(orjson.dumps({**base, "choices": [], "usage": usage})))
        events.append(b"data: [DONE]\n\n")
        return DemoResponse(200, events=events)

    def _openai_responses(self, payload: dict[str, Any], stream: bool) -> DemoResponse:
        data = payload.get("input")
        items = [{"role": "user", "content": data}] if isinstance(data, str) else data or []
        items = [i for i in items if isinstance(i, dict)]
        prompt = next((content_text(i.get("content")) for i in reversed(items) if i.get("role") == "user"), "")
        if items and items[-1].get("type") == "function_call_output":
            prompt = f"the tool said {str(items[-1].get('output'))[:80]}"
        answer, reasoning, truncated = _answer(prompt, payload.get("max_output_tokens"))
        effort = (payload.get("reasoning") or {}).get("effort")
        think = effort not in (None, "none", "minimal")
        reasoning_tokens = estimate_tokens(reasoning) if think else 0
        input_tokens = _responses_input_tokens(payload)
        built = ResponsesAnswer(payload, prompt=prompt, answer=answer, reasoning=reasoning if think else None,
                                input_tokens=input_tokens, output_tokens=estimate_tokens(answer) + reasoning_tokens,
                                reasoning_tokens=reasoning_tokens, truncated=truncated)
        if not stream:
            return DemoResponse(200, built.body())
        return DemoResponse(200, events=built.events(self.chunks))

    def _openai_compact(self, payload: dict[str, Any]) -> DemoResponse:
        """The user messages, then one opaque compaction item (types/responses/compacted_response.py)."""
        data = payload.get("input")
        items = [{"role": "user", "content": data}] if isinstance(data, str) else data or []
        users = [{"type": "message", "role": "user", "content": i.get("content")} for i in items
                 if isinstance(i, dict) and i.get("role") == "user"]
        digest = hashlib.sha256(orjson.dumps(items)).hexdigest()
        input_tokens = _responses_input_tokens(payload)
        output_tokens = 16
        return DemoResponse(200, orjson.dumps({
            "id": "cmp_demo" + digest[:24], "object": "response.compaction", "created_at": int(time.time()),
            "output": [*users, {"type": "compaction", "id": "cmpi_demo" + digest[:24],
                                "encrypted_content": "enc_demo" + digest}],
            "usage": {"input_tokens": input_tokens, "input_tokens_details": {"cached_tokens": 0},
                      "output_tokens": output_tokens, "output_tokens_details": {"reasoning_tokens": 0},
                      "total_tokens": input_tokens + output_tokens}}))

    def _openai_completions(self, payload: dict[str, Any], stream: bool) -> DemoResponse:
        data = payload.get("prompt")
        prompt = data if isinstance(data, str) else next((p for p in data or () if isinstance(p, str)), "")
        answer, _, truncated = _answer(prompt, payload.get("max_tokens"))
        usage = {"prompt_tokens": estimate_tokens(prompt), "completion_tokens": estimate_tokens(answer),
                 "total_tokens": estimate_tokens(prompt) + estimate_tokens(answer)}
        base = {"id": "cmpl-demo" + hashlib.sha1(prompt.encode()).hexdigest()[:20], "object": "text_completion",
                "created": int(time.time()), "model": payload.get("model", MODELS[0])}
        finish = "length" if truncated else "stop"
        if not stream:
            return DemoResponse(200, orjson.dumps({**base, "choices": [
                {"index": 0, "text": answer, "logprobs": None, "finish_reason": finish}], "usage": usage}))
        events = [data_event(orjson.dumps({**base, "choices": [
            {"index": 0, "text": p, "logprobs": None, "finish_reason": None}]})) for p in _pieces(answer, self.chunks)]
        events.append(data_event(orjson.dumps({**base, "choices": [
            {"index": 0, "text": "", "logprobs": None, "finish_reason": finish}]})))
        if (payload.get("stream_options") or {}).get("include_usage"):
            events.append(data_event(orjson.dumps({**base, "choices": [], "usage": usage})))
        events.append(b"data: [DONE]\n\n")
        return DemoResponse(200, events=events)

    def _openai_embeddings(self, payload: dict[str, Any]) -> DemoResponse:
        data = payload.get("input")
        texts = [data] if isinstance(data, str) else [str(x) for x in (data or [])]
        dims = int(payload.get("dimensions") or 16)
        vectors = []
        for i, text in enumerate(texts):
            digest = hashlib.sha256(text.encode()).digest() * (dims // 32 + 1)
            vectors.append({"object": "embedding", "index": i,
                            "embedding": [round(b / 127.5 - 1.0, 6) for b in digest[:dims]]})
        tokens = sum(estimate_tokens(t) for t in texts)
        return DemoResponse(200, orjson.dumps({
            "object": "list", "data": vectors, "model": payload.get("model", MODELS[0]),
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}))

    # ---- Anthropic ------------------------------------------------------------------------
    def _anthropic_messages(self, payload: dict[str, Any], stream: bool) -> DemoResponse:
        messages = payload.get("messages") or []
        prompt = next((content_text(m.get("content")) for m in reversed(messages)
                       if isinstance(m, dict) and m.get("role") == "user"), "")
        answer, reasoning, truncated = _answer(prompt, payload.get("max_tokens"))
        thinking = payload.get("thinking") or {}
        think = thinking.get("type") in ("enabled", "adaptive")
        input_tokens = _anthropic_input_tokens(payload)
        output_tokens = estimate_tokens(answer) + (estimate_tokens(reasoning) if think else 0)
        model = payload.get("model", MODELS[0])
        mid = "msg_demo" + hashlib.sha1(prompt.encode()).hexdigest()[:20]
        stop = "max_tokens" if truncated else "end_turn"
        signature = hashlib.sha256(reasoning.encode()).hexdigest()
        if not stream:
            content: list[dict[str, Any]] = []
            if think:
                content.append({"type": "thinking", "thinking": reasoning, "signature": signature})
            content.append({"type": "text", "text": answer})
            return DemoResponse(200, orjson.dumps({
                "id": mid, "type": "message", "role": "assistant", "model": model, "content": content,
                "stop_reason": stop, "stop_sequence": None,
                "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens}}))

        def event(name: str, obj: dict[str, Any]) -> bytes:
            return data_event(orjson.dumps({"type": name, **obj}), name.encode())

        events = [event("message_start", {"message": {
            "id": mid, "type": "message", "role": "assistant", "model": model, "content": [],
            "stop_reason": None, "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": 1}}})]
        index = 0
        if think:
            events.append(event("content_block_start", {"index": 0, "content_block": {
                "type": "thinking", "thinking": "", "signature": ""}}))
            events += [event("content_block_delta", {"index": 0, "delta": {"type": "thinking_delta",
                                                                           "thinking": p}})
                       for p in _pieces(reasoning, max(1, self.chunks // 4))]
            events.append(event("content_block_delta", {"index": 0, "delta": {
                "type": "signature_delta", "signature": signature}}))
            events.append(event("content_block_stop", {"index": 0}))
            index = 1
        events.append(event("content_block_start", {"index": index, "content_block": {"type": "text", "text": ""}}))
        events += [event("content_block_delta", {"index": index, "delta": {"type": "text_delta", "text": p}})
                   for p in _pieces(answer, self.chunks)]
        events.append(event("content_block_stop", {"index": index}))
        events.append(event("message_delta", {"delta": {"stop_reason": stop, "stop_sequence": None},
                                              "usage": {"output_tokens": output_tokens}}))
        events.append(event("message_stop", {}))
        return DemoResponse(200, events=events)


def _responses_input_tokens(payload: dict[str, Any]) -> int:
    data = payload.get("input")
    items = [{"role": "user", "content": data}] if isinstance(data, str) else data or []
    return estimate_tokens(content_text(payload.get("instructions"))) + sum(
        estimate_tokens(content_text(i.get("content")) or str(i.get("output") or "")) + 3
        for i in items if isinstance(i, dict))


def _anthropic_input_tokens(payload: dict[str, Any]) -> int:
    messages = payload.get("messages") or []
    system = content_text(payload.get("system")) if payload.get("system") else ""
    return estimate_tokens(system) + sum(estimate_tokens(content_text(m.get("content"))) + 3
                                         for m in messages if isinstance(m, dict))
