"""The relay's small parts on their own: header rules, member cutting, SSE framing, decoding, usage tails."""

from __future__ import annotations

import gzip
import random
import zlib

import orjson
import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from moat.config import RelaySettings
from moat.errors import BadRequest, RequestTooLarge
from moat.gateway.content_encoding import decode_body
from moat.gateway.forwarding import Forwarding
from moat.gateway.json_edit import without_member
from moat.gateway.passthrough import TAIL_BYTES, UsageTail
from moat.gateway.sse import EventSplitter, event_fields


def test_request_rule_drops_hop_by_hop_credentials_and_configured() -> None:
    rule = Forwarding(RelaySettings(drop_request_headers=["X-Internal"]))
    sent = [(b"host", b"moat"), (b"authorization", b"Bearer sk"), (b"x-api-key", b"sk"), (b"cookie", b"c"),
            (b"moat-attribution", b"t"), (b"moat-anything", b"m"), (b"connection", b"close, x-named"),
            (b"x-named", b"1"), (b"keep-alive", b"5"), (b"transfer-encoding", b"chunked"), (b"te", b"trailers"),
            (b"upgrade", b"h2c"), (b"proxy-authorization", b"p"), (b"content-length", b"9"),
            (b"content-encoding", b"gzip"), (b"accept-encoding", b"br"), (b"x-internal", b"i"),
            (b"expect", b"100-continue"), (b"proxy-anything", b"p"),
            (b"user-agent", b"sdk"), (b"x-stainless-os", b"Linux"), (b"x-stainless-os", b"again"),
            (b"anthropic-beta", b"b")]
    assert rule.request_headers(sent) == [(b"user-agent", b"sdk"), (b"x-stainless-os", b"Linux"),
                                          (b"x-stainless-os", b"again"), (b"anthropic-beta", b"b")]


def test_response_rule_each_header_once() -> None:
    rule = Forwarding(RelaySettings())
    upstream = [(b"x-request-id", b"up"), (b"content-type", b"application/json"), (b"date", b"d"),
                (b"set-cookie", b"s"), (b"moat-decision-id", b"theirs"), (b"access-control-allow-origin", b"*"),
                (b"ratelimit-limit", b"upstream's"), (b"connection", b"x-gone"), (b"x-gone", b"1"),
                (b"content-length", b"10")]
    own = [(b"moat-request-id", b"ours"), (b"moat-decision-id", b"dec"), (b"ratelimit-limit", b"moat's")]
    defaults = [(b"content-type", b"text/plain"), (b"x-request-id", b"ours"), (b"request-id", b"ours")]
    assert rule.response_headers(upstream, own, defaults) == [
        (b"x-request-id", b"up"), (b"content-type", b"application/json"), (b"request-id", b"ours"), *own]


@pytest.mark.parametrize("data", [
    b'{"id":"x","choices":[],"usage":null}', b'{"usage":null,"id":"x"}', b'{"usage":null}',
    b'{ "id" : 1 ,\n "usage" : { "a" : [1, {"usage": null}] } }',
    b'{"choices":[{"delta":{"content":"\\"usage\\":null"}}],"usage":null}',
    b'{"n":{"usage":null},"usage":null,"z":1.50}',
])
def test_without_member_cuts_only_the_member(data: bytes) -> None:
    expected = orjson.loads(data)
    del expected["usage"]
    cut = without_member(data, "usage", expected)
    assert cut is not None and orjson.loads(cut) == expected
    prefix = next(i for i in range(len(cut) + 1) if i == len(cut) or cut[i] != data[i])
    assert data.endswith(cut[prefix:])  # one span cut out; every other byte as it was


@given(st.lists(st.sampled_from([b"data: a", b"data: {\"b\":1}", b"event: x", b": comment", b"id: 7"]),
                min_size=1, max_size=4), st.sampled_from([b"\n", b"\r\n", b"\r"]), st.integers(1, 7))
def test_sse_events_keep_their_bytes(lines: list[bytes], newline: bytes, step: int) -> None:
    event = newline.join(lines) + newline + newline
    stream = event * 3
    splitter = EventSplitter()
    out: list[bytes] = []
    for i in range(0, len(stream), step):
        out += splitter.feed(stream[i:i + step])
    out += [splitter.rest()] if newline == b"\r" else []  # a final lone CR may still become CRLF
    assert b"".join(out) == stream
    assert [event_fields(e) for e in out if e] == [event_fields(event)] * 3


def test_decoding_limits_and_codings() -> None:
    body = orjson.dumps({"model": "m", "messages": [{"role": "user", "content": "x" * 5000}]})
    for coding, packed in ((b"gzip", gzip.compress(body)), (b"x-gzip", gzip.compress(body) + gzip.compress(b"")),
                           (b"deflate", zlib.compress(body)), (b"deflate", zlib.compress(body)[2:-4]),
                           (b"zstd", zstandard.compress(body)),
                           (b"gzip, zstd", zstandard.compress(gzip.compress(body))),
                           (b"identity", body)):
        assert decode_body(packed, coding, len(body)) == body, coding
    for coding, pack in ((b"gzip", gzip.compress), (b"deflate", zlib.compress), (b"zstd", zstandard.compress)):
        with pytest.raises(RequestTooLarge):
            decode_body(pack(body), coding, len(body) - 1)
    with pytest.raises(BadRequest) as refused:
        decode_body(body, b"br", 1 << 20)
    assert refused.value.status == 415
    with pytest.raises(BadRequest):
        decode_body(gzip.compress(body)[:-20], b"gzip", 1 << 20)


def test_usage_tail_finds_the_last_top_level_usage() -> None:
    tail = UsageTail()
    rng = random.Random(7)
    body = (b'{"data":[' + b",".join(b'{"usage":{"fake":%d}}' % i for i in range(30000)) +
            b'],"note":"\\"usage\\": {\\"x\\":1}","usage":{"prompt_tokens":42}}')
    i = 0
    while i < len(body):
        n = rng.randint(1, 70000)
        tail.feed(body[i:i + n])
        i += n
    assert tail.usage() == {"prompt_tokens": 42}
    assert sum(len(p) for p in tail._parts) < TAIL_BYTES + 70000
    empty = UsageTail()
    empty.feed(b'{"data":[1,2,3]}')
    assert empty.usage() is None
