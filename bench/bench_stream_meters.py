"""CPU per streamed event of each dialect's stream meter (the relay's per-event work beyond copying).

Feeds the demo model's own streams (chat, Messages, Responses; reasoning asked) through each
API's StreamMeter, metering only and then redacting, and prints microseconds per event.

    PYTHONPATH=src python bench/bench_stream_meters.py
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import orjson

from moat.gateway import anthropic_api, openai_api, responses_api
from moat.gateway.demo_model import DemoModel

PROMPT = "Explain how a gateway meters a streamed answer, in some detail please."


async def _events(path: str, api: str, payload: dict[str, Any]) -> list[bytes]:
    response = await DemoModel(chunks=200).send(api, path, orjson.dumps(payload), stream=True, headers={})
    return [event async for event in response.chunks()]


def _measure(meter_type: Any, parse: Any, payload: dict[str, Any], events: list[bytes], redact: bool) -> float:
    rounds = 200
    facts = parse(payload)
    t0 = time.perf_counter()
    for _ in range(rounds):
        meter = meter_type(facts, redact)
        for event in events:
            meter.event(event)
        meter.final_usage()
    return (time.perf_counter() - t0) / (rounds * len(events)) * 1e6


def main() -> None:
    cases = [
        ("chat", "/chat/completions", "openai", openai_api.StreamMeter, openai_api.parse_chat,
         {"model": "moat-demo", "stream": True, "reasoning_effort": "high", "stream_options": {"include_usage": True},
          "messages": [{"role": "user", "content": PROMPT}]}),
        ("messages", "/messages", "anthropic", anthropic_api.StreamMeter, anthropic_api.parse_messages,
         {"model": "moat-demo", "stream": True, "max_tokens": 1000, "thinking": {"type": "enabled"},
          "messages": [{"role": "user", "content": PROMPT}]}),
        ("responses", "/responses", "openai", responses_api.StreamMeter, responses_api.parse_responses,
         {"model": "moat-demo", "stream": True, "reasoning": {"effort": "high"}, "input": PROMPT}),
    ]
    for name, path, api, meter, parse, payload in cases:
        events = asyncio.run(_events(path, api, payload))
        metered = _measure(meter, parse, payload, events, False)
        redacted = _measure(meter, parse, payload, events, True)
        print(f"{name:10s} {len(events):4d} events  meter {metered:5.2f} µs/event  redact {redacted:5.2f} µs/event")


if __name__ == "__main__":
    main()
