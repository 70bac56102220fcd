"""What an account does with a data API, folded in one request at a time (issue 15 item 4).

Data records (`kind: "data"`, docs/data-apis.md "What is recorded") say which resource a request
asked for (a user id, a handle, a query, a time range), how many items and bytes it received, from
which address and user agent, and under which declared use. These features are what harvesting and
resale leave behind, whatever the API:

- *coverage*: distinct resources requested (estimated with a fixed bitmap, so the cost per account
  is flat); the new numeric ones (ids) and the others (handles, queries), each as a sample evenly
  spread over arrival (a sweep of ids covers its range densely, or walks it in order; a sweep of
  handles walks them alphabetically); an id in the path stands in when the route names no resource;
- *re-downloads*: requests for a resource already fetched at the same path, how many distinct resources were fetched
  again, and the items they delivered again (a normal client caches; a re-downloader refetches its
  whole crawl);
- *time ranges*: the windows of time-bounded searches (`start_time`/`end_time`, `since`/`until`,
  ...), how far into the archive they reach and how much of it they tile;
- *fan-out*: per key, the networks (/24) and user agents it is used from, with the requests each
  carried (a reseller's customers call with its key from their own servers, a phone app's users
  from their phones: many light networks under one app's agent);
- *fresh re-asks*: a resource asked again only for what is new (`since_id`, a window ending now, a
  304): what a client that caches does, so not a re-download.

A request may ask for several resources at once (a batched lookup, `/2/users?ids=1,2,...,100`):
each counts as asked, as if looked up one by one, so a sweep cannot hide in batches (`asked`). The
batch is the request's `resource` when it is a comma list (`ids=1,2,3` under a `query:ids` rule),
or, when the request names no single resource, the record's `resources` (what the lookup
returned: it asked for those). A stream's `resources` are not asked for (a firehose pushes what it
pushes: its authors are not a keyspace the client walks), and neither are those of a request that
names its own resource (a search for "ai" returns many authors, it asked for one query).

`DataFeatures` is a base of `AccountState` so the online scorer's snapshots and the checkpoints
carry these slots like any other (plain containers of plain values only). Model records never touch
them: a model-only dataset is scored exactly as before.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote
from zlib import crc32

RES_BITS = 1 << 18  # distinct resources, linear counting: accurate to ~2M distinct resources
NUM_SAMPLE = 512  # new numeric (or other) resources kept, evenly spread over arrival (halved when full)
MAX_ARCHIVE_DAYS = 20000  # distinct days of the archive touched, kept exactly up to ~55 years
ARCHIVE_LAG = 2 * 86400.0  # a window ending this long before it is asked for is the archive
MAX_FANOUT = 2048  # (key, network) and (key, agent) pairs kept
MAX_USES = 8
HEAVY_NET = 20  # requests a network must carry (and HEAVY_SHARE of the key's) to be a server's
HEAVY_SHARE = 0.01
DAY = 86400.0
# Query parameters that bound a search in time, by the names data APIs use.
_START = frozenset({"start_time", "since", "from", "start", "start_date", "after", "min_time", "from_date"})
_END = frozenset({"end_time", "until", "to", "end", "end_date", "before", "max_time", "to_date"})
_DIGITS = re.compile(r"\d{1,18}")
MAX_BATCH = 1000  # resources of one batched request counted at most
# Query parameters that ask only for what is new since the last visit (incremental collection).
_SINCE = re.compile(r"(?:^|[?&])(?:since_id|min_id|newer_than|updated_since|modified_since|if_modified_since)=",
                    re.IGNORECASE)


def asked(resource: Any, resources: Any, stream: Any) -> list[str] | None:
    """The resources a batched request asked for, or None when it asked for one thing (its
    `resource`, or its path and query); see the module docstring."""
    if resource:
        text = str(resource)
        if "," not in text or " " in text:
            return None  # one resource; a query holding a comma ("ai, ml") is one query too
        parts = text.split(",", MAX_BATCH)[:MAX_BATCH]
        return parts if all(parts) else None
    if stream or not isinstance(resources, list) or not resources:
        return None
    return [str(r) for r in resources[:MAX_BATCH] if r is not None and r != ""] or None


def asks_new(query: str) -> bool:
    """Whether a query asks only for what is new (a `since_id`-style bound)."""
    return _SINCE.search(query) is not None


def stack(agent: str) -> str:
    """A user agent's client stack: its product name (`NewsPulse/3.1 (iPhone...)` -> "newspulse"),
    or for a browser its engine's (`Mozilla/5.0 (...) Chrome/126.0` -> "chrome"). Versions, devices
    and build tags vary within one app; the stack does not."""
    head = agent.split("/", 1)[0].split(" ", 1)[0].lower()
    if head != "mozilla":
        return head
    tail = [t for t in agent.replace("(", " ").replace(")", " ").split() if "/" in t]
    return tail[-1].split("/", 1)[0].lower() if len(tail) > 1 else head


def parse_time(value: str) -> float | None:
    """Unix seconds (or milliseconds) or an ISO 8601 date/time as Unix seconds; None otherwise."""
    v = value.strip()
    if not v:
        return None
    if v.isdigit():
        t = float(v)
        if t > 1e11:  # milliseconds
            t /= 1000.0
        return t if 1e8 < t < 1e10 else None
    if not v[:4].isdigit() or len(v) < 8:
        return None
    try:
        when = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def window(query: str) -> tuple[float, float] | None:
    """The time window a query string asks for, when it names both ends."""
    if "=" not in query:
        return None
    start = end = None
    for part in query.lstrip("?").split("&"):
        name, _, value = part.partition("=")
        key = name.lower()
        if key in _START:
            start = parse_time(unquote(value) if "%" in value else value)
        elif key in _END:
            end = parse_time(unquote(value) if "%" in value else value)
    if start is None or end is None or end <= start:
        return None
    return start, end


def number_of(resource: str) -> int | None:
    """A resource that is a number (an id), or ends in one (`user:123`): that number."""
    if resource.isdigit():
        return int(resource) if len(resource) < 19 else None
    m = _DIGITS.fullmatch(resource.rpartition(":")[2]) if ":" in resource else None
    return int(m.group()) if m else None


def path_number(path: str) -> str | None:
    """The last all-digit segment of a path (`/2/users/123/tweets` -> "123"), or None."""
    for seg in reversed(path.split("/")):
        if seg.isdigit() and len(seg) < 19:
            return seg
    return None


class DataFeatures:
    """The data-API slots of an `AccountState` (see the module docstring)."""

    __slots__ = (
        "d_again",
        "d_again_items",
        "d_arch_days",
        "d_arch_n",
        "d_batched",
        "d_bytes",
        "d_fanout",
        "d_first",
        "d_fresh",
        "d_items",
        "d_lag_max",
        "d_last",
        "d_last_fan",
        "d_last_keys",
        "d_n",
        "d_num_max",
        "d_num_min",
        "d_num_new",
        "d_num_stride",
        "d_nums",
        "d_paths",
        "d_refetched",
        "d_res",
        "d_res2",
        "d_uses",
        "d_win_n",
        "d_word_new",
        "d_word_stride",
        "d_words",
    )

    def _init_data(self) -> None:
        self.d_n = self.d_items = self.d_bytes = 0
        self.d_batched = 0  # resources asked beyond one per request (batched lookups): see `asks`
        self.d_first = math.inf
        self.d_last = -math.inf
        self.d_res: bytearray | None = None  # resources seen once
        self.d_res2: bytearray | None = None  # resources seen twice: distinct refetched ones
        self.d_again = self.d_refetched = 0
        self.d_again_items: float = 0  # a batch's resources each carry their share of its items
        self.d_num_min = math.inf
        self.d_num_max = -math.inf
        self.d_num_new = 0  # numeric resources requested for the first time
        self.d_nums: list[int] = []
        self.d_num_stride = 1
        self.d_word_stride = 1
        self.d_word_new = 0  # other resources (handles, queries) requested for the first time
        self.d_words: list[str] = []  # a sample of them in arrival order, like d_nums
        self.d_win_n = 0  # time-bounded searches
        self.d_arch_n = 0  # of which ask for the archive (ending ARCHIVE_LAG or more before asked)
        self.d_arch_days: set[int] = set()  # days of the archive they touch (days since the epoch)
        self.d_lag_max = 0.0  # how far back the oldest window starts, from when it was asked
        self.d_fresh = 0  # resources asked again only for what is new (not re-downloads)
        # "k\x00<key>\x00n<net>" / "k\x00<key>\x00u<agent>" -> requests it carried
        self.d_fanout: dict[str, int] = {}
        self.d_uses: dict[str, int] = {}  # declared use categories seen on the records
        self.d_paths: dict[str, int] = {}  # what a resource is: the path segment naming it
        self.d_last_fan: tuple[Any, Any, Any] = (None, None, None)  # (key, address, agent) last folded in
        self.d_last_keys: tuple[str | None, str | None] = (None, None)  # their d_fanout entries

    def _add_data(self, req: dict[str, Any], ts: float) -> None:
        """Fold one data record in (called by `AccountState.add`)."""
        get = req.get
        self.d_n += 1
        items = get("items") or 0
        self.d_items += items
        self.d_bytes += get("bytes") or 0
        if ts < self.d_first:
            self.d_first = ts
        if ts > self.d_last:
            self.d_last = ts
        use = get("key_use")
        if use and (use in self.d_uses or len(self.d_uses) < MAX_USES):
            self.d_uses[use] = self.d_uses.get(use, 0) + 1
        query = get("query") or ""
        resource = get("resource")
        where = get("path") or get("endpoint") or ""
        # a user's profile and the same user's timeline are two things, each of which can be asked again
        key = f"{where}\x00{resource}" if resource else f"{where}?{query}"
        fresh = get("status") == 304 or (bool(query) and asks_new(query))
        if query:
            w = window(query)
            if w is not None:
                fresh = self._window(w[0], w[1], ts) or fresh
        batch = asked(resource, get("resources"), get("stream"))
        if batch is None:
            self._resource(key, items, resource, get("path") or "", fresh)
        else:
            self._batch(batch, items, where, get("path") or "", fresh)
        seen = (get("key_id"), get("client_ip"), get("user_agent"))
        fan = self.d_fanout
        if fan.__class__ is set:  # restored from a checkpoint written before counts were kept
            fan = self.d_fanout = dict.fromkeys(fan, 1)
        if seen != self.d_last_fan:  # a server calls from the same place with the same agent
            self.d_last_fan = seen
            if get("channel") != "platform":
                k, ip, ua = seen
                net = f"k\x00{k or ''}\x00n{ip.rpartition('.')[0] if '.' in ip else ip[:19]}" if ip else None
                agent = f"k\x00{k or ''}\x00u{ua}" if ua else None
                for entry in (net, agent):
                    if entry is not None and (entry in fan or len(fan) < MAX_FANOUT):
                        fan[entry] = fan.get(entry, 0) + 1
                self.d_last_keys = (net, agent)
            else:
                self.d_last_keys = (None, None)
        else:
            for entry in self.d_last_keys:
                if entry is not None and entry in fan:
                    fan[entry] += 1

    def _window(self, start: float, end: float, ts: float) -> bool:
        """Fold a time window in; True when it asks for what is recent (not the archive)."""
        self.d_win_n += 1
        if ts - end < ARCHIVE_LAG:
            return True  # "the last hour": what a dashboard asks, again and again
        self.d_arch_n += 1
        if ts - start > self.d_lag_max:
            self.d_lag_max = ts - start
        days = self.d_arch_days
        if len(days) < MAX_ARCHIVE_DAYS:
            first, last = int(start // DAY), int((end - 1) // DAY)
            days.update(range(first, min(last, first + 30) + 1))
        return False

    def _batch(self, batch: list[str], items: int, where: str, path: str, fresh: bool) -> None:
        """A batched lookup: each resource asked, with its share of the items, as if asked alone."""
        self.d_batched += len(batch) - 1
        share = items / len(batch)
        for r in batch:
            self._resource(f"{where}\x00{r}", share, r, "", fresh)
        if path and len(self.d_paths) < 16:  # what they are: the path's last word (`/2/users` -> users)
            word = next((seg for seg in reversed(path.split("/")) if seg and not seg.isdigit()), "")
            if word:
                self.d_paths[word] = self.d_paths.get(word, 0) + 1

    def asks(self) -> int:
        """Resources asked for: one per request, and each of a batch (the denominator of novelty
        and of the share of re-downloads, so a batch of 100 new ids is 100 new resources)."""
        return self.d_n + self.d_batched

    def _resource(self, key: str, items: float, resource: Any, path: str, fresh: bool = False) -> None:
        seen = self.d_res
        if seen is None:
            seen = self.d_res = bytearray(RES_BITS >> 3)
        h = crc32(key.encode()) % RES_BITS
        byte, bit = h >> 3, 1 << (h & 7)
        if seen[byte] & bit:
            if fresh:  # asked again for what is new since: what a caching client does
                self.d_fresh += 1
                return
            self.d_again += 1
            self.d_again_items += items
            twice = self.d_res2
            if twice is None:
                twice = self.d_res2 = bytearray(RES_BITS >> 3)
            if not twice[byte] & bit:
                twice[byte] |= bit
                self.d_refetched += 1
            return
        seen[byte] |= bit
        if resource is None:  # no resource rule on the route: an id in the path is the resource
            resource = path_number(path)
            if resource is None:
                return
        r = str(resource)
        num = number_of(r)
        if num is not None:
            k = self.d_num_new = self.d_num_new + 1
            if num < self.d_num_min:
                self.d_num_min = num
            if num > self.d_num_max:
                self.d_num_max = num
            if not k % self.d_num_stride:
                self.d_nums.append(num)
                if len(self.d_nums) >= NUM_SAMPLE:  # keep one in two: still evenly spread over arrival
                    self.d_nums = self.d_nums[::2]
                    self.d_num_stride *= 2
        else:
            k = self.d_word_new = self.d_word_new + 1
            if not k % self.d_word_stride:
                self.d_words.append(r[:40].lower())
                if len(self.d_words) >= NUM_SAMPLE:
                    self.d_words = self.d_words[::2]
                    self.d_word_stride *= 2
        if path and (k <= 64 or not k % 64) and len(self.d_paths) < 16:
            segs = [p for p in path.split("/") if p]
            if r in segs:
                i = segs.index(r)
                what = segs[i - 1] if i > 0 else "resources"
                self.d_paths[what] = self.d_paths.get(what, 0) + 1

    def _merge_data(self, other: DataFeatures) -> None:
        """Join another account's data features into these (a group read as one account)."""
        self.d_n += other.d_n
        self.d_batched += other.d_batched
        self.d_items += other.d_items
        self.d_bytes += other.d_bytes
        self.d_first = min(self.d_first, other.d_first)
        self.d_last = max(self.d_last, other.d_last)
        self.d_again += other.d_again
        self.d_fresh += other.d_fresh
        self.d_again_items += other.d_again_items
        self.d_refetched += other.d_refetched
        self.d_num_new += other.d_num_new
        self.d_num_min = min(self.d_num_min, other.d_num_min)
        self.d_num_max = max(self.d_num_max, other.d_num_max)
        self.d_nums = self.d_nums + other.d_nums
        self.d_word_new += other.d_word_new
        self.d_words = self.d_words + other.d_words
        self.d_win_n += other.d_win_n
        self.d_arch_n += other.d_arch_n
        self.d_arch_days |= other.d_arch_days
        self.d_lag_max = max(self.d_lag_max, other.d_lag_max)
        for k, v in other.d_uses.items():
            self.d_uses[k] = self.d_uses.get(k, 0) + v
        for k, v in other.d_paths.items():
            self.d_paths[k] = self.d_paths.get(k, 0) + v
        if other.d_res is not None:
            if self.d_res is None:
                self.d_res = bytearray(other.d_res)
            else:
                joined = int.from_bytes(self.d_res, "little") | int.from_bytes(other.d_res, "little")
                self.d_res = bytearray(joined.to_bytes(RES_BITS >> 3, "little"))

    # -- derived, when a detector asks -------------------------------------------------------------

    def distinct_resources(self) -> int:
        """Distinct resources requested (linear counting over the bitmap)."""
        seen = self.d_res
        if seen is None:
            return 0
        zeros = RES_BITS - _ones(seen)
        if zeros <= 0:
            return RES_BITS * 8
        return round(-RES_BITS * math.log(zeros / RES_BITS))

    def data_days(self) -> float:
        """Days between the first and the last data request (at least one hour's worth)."""
        if self.d_n == 0:
            return 0.0
        return max(1 / 24, (self.d_last - self.d_first) / DAY)

    def fanout(self, crowd: Mapping[str, int] | None = None) -> Fanout:
        """The key used from the most networks, and how: see `Fanout`.

        `crowd`: per network (/24), how many accounts' data traffic comes from it (`crowd_of`); a
        network shared with many unrelated accounts (a cloud's NAT, a carrier's) counts for
        1/accounts of a network of one's own (issue 11: evidence weighed by its base rate)."""
        nets: dict[str, dict[str, int]] = {}
        agents: dict[str, dict[str, int]] = {}
        entries = self.d_fanout
        for entry, n in (entries.items() if isinstance(entries, dict) else ((e, 1) for e in entries)):
            _, key, rest = entry.split("\x00", 2)
            target = nets if rest[0] == "n" else agents
            target.setdefault(key, {})[rest[1:]] = n
        if not nets:
            return Fanout("", 0, sum(len(a) for a in agents.values()))
        key = max(nets, key=lambda k: (len(nets[k]), len(agents.get(k, {})), k))
        mine, uas = nets[key], agents.get(key, {})
        total = sum(mine.values())
        heavy_at = max(HEAVY_NET, HEAVY_SHARE * total)
        crowd = crowd or {}
        own = heavy = 0.0
        for net, n in mine.items():
            weight = 1.0 / max(1, crowd.get(net, 1))
            own += weight
            if n >= heavy_at:
                heavy += weight
        stacks = {stack(ua) for ua in uas}
        return Fanout(key, len(mine), len(uas), len(stacks), round(own, 2), round(heavy, 2))

    def what(self) -> str:
        """What the account's resources are, in the API's own word (`users`, `tweets`, ...)."""
        return max(self.d_paths, key=lambda k: (self.d_paths[k], k)) if self.d_paths else "resources"

    def declared(self) -> str:
        """The declared use category its records carry most ("" when none)."""
        return max(self.d_uses, key=lambda k: (self.d_uses[k], k)) if self.d_uses else ""


@dataclass(frozen=True, slots=True)
class Fanout:
    """How one key is spread: `nets` (/24) and `agents` it is used from, the client `stacks` among
    those agents (one app's versions and devices are one stack), `own` networks weighed by how
    exclusive each is, and `heavy` of them: carrying a server's sustained load (a reseller's
    customer) rather than a phone's few requests (an app's user)."""

    key: str
    nets: int
    agents: int
    stacks: int = 0
    own: float = 0.0
    heavy: float = 0.0


def crowd_of(states: Iterable[DataFeatures]) -> dict[str, int]:
    """Per network (/24), how many accounts' data traffic comes from it (the base rate of a
    network as evidence: a cloud NAT or a carrier range is everyone's)."""
    out: dict[str, int] = {}
    for s in states:
        if not s.d_fanout:
            continue
        nets = {entry.rpartition("\x00")[2][1:] for entry in s.d_fanout if entry.rpartition("\x00")[2][:1] == "n"}
        for net in nets:
            out[net] = out.get(net, 0) + 1
    return out


def _ones(bits: bytearray) -> int:
    return int.from_bytes(bits, "little").bit_count()
