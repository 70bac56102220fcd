"""Per-account feature state, updated one request at a time and readable at any moment.

This is the unit both `moat detect` (batch) and `--follow` (online, issue 6 item 3) keep: `add()`
is O(1) per request with bounded memory per account, and detectors read the state whenever they
are asked for a score. Text features are computed on a sample (every request of the first
`FULL` and one in `STRIDE` after), which keeps the per-request cost flat for heavy accounts.
"""

from __future__ import annotations

import math
from array import array
from typing import Any
from zlib import crc32

from moat.detect import text
from moat.detect.data_features import DataFeatures

FULL = 32  # requests per account whose text is always analysed
STRIDE = 64  # then one in STRIDE
SHINGLE_SAMPLES = 64  # samples whose 3-grams feed the template signature
MAX_SKELETONS = 256
MAX_NUMBERS = 512
MAX_SHINGLES = 4096
MAX_BINS = 4096
MAX_IPS = 256
MAX_UAS = 64
SEEN_BITS = 1 << 17  # a per-account bitmap of prompt hashes, for exact repeats
RECENT = 16  # prompts remembered exactly, to tell an immediate re-ask from a re-run of a set
MAX_SAMPLES = 128  # sampled prompt texts kept (keyspace walks, semantic similarity)
SAMPLE_CHARS = 160
BIN_S = 300  # 5-minute activity bins, for synchronised timing
REST_S = 5 * 3600  # a pause this long is rest; a day without one is a day without sleep


def network(address: str) -> str:
    """The network an address (or an address's /24 prefix, as in `AccountState.prefixes`) is in:
    its /16, or the first 9 characters of an IPv6 one. Switching network within minutes is read
    at this width, and so is how many networks an account's addresses span."""
    return address[: address.find(".", address.find(".") + 1)] if "." in address else address[:9]


class AccountState(DataFeatures):
    """Features of one account. Fields are counters and capped sets, nothing per request.

    Data-API records (`kind: "data"`) also feed the `DataFeatures` slots (moat.detect.data_features).
    """

    __slots__ = (
        "_recent",
        "_seen",
        "_small_seen",
        "_walk",
        "account",
        "bins",
        "days",
        "first_ts",
        "gap_m2",
        "gap_mean",
        "gap_n",
        "hour_slots",
        "hours",
        "in_open",
        "in_tokens",
        "ips",
        "last_bin",
        "last_ip",
        "last_p16",
        "last_ts",
        "last_ua",
        "leading",
        "n",
        "n_close",
        "n_elicit",
        "n_followup",
        "n_near_repeat",
        "n_open",
        "n_own",
        "n_own_read",
        "n_posed",
        "n_reasoning",
        "n_record",
        "n_repeat",
        "n_sampled",
        "n_sampled_open",
        "n_scripted",
        "n_switch",
        "numbers",
        "out_open",
        "out_tokens",
        "prefixes",
        "rested",
        "samples",
        "shingles",
        "skeletons",
        "system_shingles",
        "systems",
        "throttled",
        "topic_hits",
        "uas",
    )

    def __init__(self, account: dict[str, Any] | None = None) -> None:
        self.account = account
        self._walk: tuple[int, Any] | None = None  # (n, keyspace walk) read by `keyspace.walk_of`
        self.n = self.n_reasoning = self.n_followup = self.in_tokens = self.out_tokens = 0
        # Opening turns apart: a follow-up's input carries the conversation so far, and a script's
        # follow-ups ("solve it another way to confirm") repeat without re-running anything.
        self.n_open = self.in_open = self.out_open = 0
        self.n_scripted = 0  # follow-ups whose exact text this account sent before
        self.first_ts = math.inf
        self.last_ts = -math.inf
        self.gap_n = 0
        self.gap_mean = self.gap_m2 = 0.0  # Welford over gaps of 2 s to 6 h (timing regularity)
        self.n_close = 0  # gaps under 2 s: concurrent or machine-fired requests
        self.hours = [0] * 24
        self.days: set[int] = set()
        self.rested: set[int] = set()
        self.throttled: set[int] = set()  # days on which the plan's limit refused it (429)
        self.hour_slots: set[int] = set()  # distinct clock hours with traffic (hours since epoch)
        self.bins: set[int] = set()
        self.ips: set[str] = set()
        self.last_ip: str | None = None
        self.last_ua: str | None = None
        self.last_bin = -1
        self.prefixes: set[str] = set()
        self.uas: set[str] = set()
        self.last_p16 = ""
        self.n_switch = 0  # network switches within 5 minutes: two places at once
        self.n_sampled = self.n_elicit = self.n_repeat = 0
        self.topic_hits: dict[str, int] = {}
        self.skeletons: dict[str, int] = {}
        self.numbers: dict[str, list[int]] = {}  # per skeleton, its prompts' last number
        # and, where a prompt has several, its first: the counter is either ("events of 1792? list
        # at least 10"; "top 10 facts about item 4411"), the other one is the frame's own.
        self.leading: dict[str, list[int]] = {}
        self.shingles = array("I")  # word 3-gram hashes of sampled prompts, repeats kept
        self.system_shingles: set[int] = set()
        self.systems: dict[int, bool] = {}  # system prompt hash -> elicits reasoning
        self._seen: bytearray | None = None
        self._small_seen: set[int] = set()
        self._recent = array("I", bytes(4 * RECENT))  # CRC-32s: one cache line, where a list is 16 objects
        self.n_near_repeat = 0
        self.samples: list[str] = []  # sampled prompts in arrival order (lower case, truncated)
        # Of the sampled prompts read whole (`text.hands_own_text`, before truncation): how many hand
        # the model text of the caller's own. A checkpoint from before these counters reads 0 of 0.
        self.n_own = self.n_own_read = 0
        self.n_posed = 0  # sampled openers asking the model to make up a problem and solve it
        self.n_record = 0  # sampled openers asking for a training record by its fields
        self.n_sampled_open = 0  # sampled prompts that open a conversation (or stand alone)
        self._init_data()

    def add(self, req: dict[str, Any]) -> None:
        """Fold one request (a traffic-format record) into the state. The hot loop of detect.

        Written for speed (issue 11: 50,000 requests per second on one core): each field is read
        once, the seen-prompt bitmap is written only when a bit is new, and the recent-prompt ring
        is an array (one cache line) rather than a list of sixteen int objects scattered in memory.
        """
        get = req.get
        ts = req["ts"]
        if ts.__class__ is not float:
            ts = float(ts)
        n = self.n = self.n + 1
        if get("reasoning"):
            self.n_reasoning += 1
        turn = get("turn")
        followup = turn is not None and turn > 1
        # the whole prompt: fresh input plus what the cache served or stored (optional fields,
        # docs/traffic-format-extensions.md), or a cached agent would look like a short-prompt harvester
        tokens_in = (get("input_tokens") or 0) + (get("cache_read_tokens") or 0) + (get("cache_write_tokens") or 0)
        tokens_out = get("output_tokens") or 0
        if followup:
            self.n_followup += 1
        else:
            self.n_open += 1
            self.in_open += tokens_in
            self.out_open += tokens_out
        self.in_tokens += tokens_in
        self.out_tokens += tokens_out
        last = self.last_ts
        gap = ts - last
        if gap < 2.0:  # includes slightly out-of-order records of concurrent requests
            self.n_close += 1
        elif gap < 21600:
            k = self.gap_n = self.gap_n + 1
            mean = self.gap_mean
            d = gap - mean
            mean += d / k
            self.gap_mean = mean
            self.gap_m2 += d * (gap - mean)
        if ts > last:
            self.last_ts = ts
        if ts < self.first_ts:
            self.first_ts = ts
        b = int(ts) // BIN_S
        if gap >= REST_S:
            self.rested.add(b // 288)  # a day that ended a long pause (people sleep)
        if get("status") == 429:
            self.throttled.add(b // 288)
        self.hours[b // 12 % 24] += 1
        if b != self.last_bin:
            self.last_bin = b
            self.days.add(b // 288)
            slots = self.hour_slots
            if len(slots) < MAX_BINS:
                slots.add(b // 12)
            bins = self.bins
            if len(bins) < MAX_BINS:
                bins.add(b)
        relayed = get("channel") == "platform"  # the relay's address is the platform's, not the user's
        ip = get("client_ip")
        if ip and ip != self.last_ip and not relayed:
            self._new_ip(ip, gap)
        ua = get("user_agent")
        if ua and ua != self.last_ua:
            self.last_ua = ua
            if len(self.uas) < MAX_UAS:
                self.uas.add(ua)
        if get("kind") == "data":
            # A data record's prompt is its query string (docs/data-apis.md): read for what it asks
            # (resources, time windows), not as text; a since_id counting up is not a prompt walk.
            self._add_data(req, ts)
            return
        prompt = get("prompt") or ""
        h = crc32(prompt.encode())  # stable across processes: checkpoints carry these
        recent = self._recent
        if h in recent:  # asked again right away: several samples of one prompt, not a re-run
            if followup:
                self.n_scripted += 1
            else:
                self.n_near_repeat += 1
        else:
            recent[n % RECENT] = h
            seen = self._seen
            if seen is None:
                small = self._small_seen
                again: int = h in small  # a bool; the bitmap branch gives the bit itself
                small.add(h)
                if n >= 64:
                    self._grow_seen()
            else:
                h %= SEEN_BITS
                byte, bit = h >> 3, 1 << (h & 7)
                old = seen[byte]
                again = old & bit
                if not again:
                    seen[byte] = old | bit
            if again:
                if followup:
                    self.n_scripted += 1
                elif text.asks_to_generate(prompt) or text.poses_own_problem(prompt):  # another one: sampling
                    self.n_near_repeat += 1
                else:
                    self.n_repeat += 1
        if n <= FULL or not n % STRIDE:
            self._sample(req, prompt, relayed, followup)

    def _new_ip(self, ip: str, gap: float) -> None:
        """A request from another address than the previous one."""
        self.last_ip = ip
        if ip not in self.ips and len(self.ips) < MAX_IPS:
            self.ips.add(ip)
            self.prefixes.add(ip.rpartition(".")[0] if "." in ip else ip[:19])
        p16 = network(ip)
        if p16 != self.last_p16:
            if self.last_p16 and gap < 300:
                self.n_switch += 1
            self.last_p16 = p16

    def seen_prompts(self) -> bytearray:
        """The prompts this account asked, as a SEEN_BITS bitmap of their hashes (for comparing
        with other accounts': `moat.detect.customers.colleague_shares`)."""
        return self._seen if self._seen is not None else _bitmap_of(self._small_seen)

    def _grow_seen(self) -> None:
        """Past 64 requests, exact repeats are tracked in a fixed-size bitmap instead of a set."""
        self._seen = _bitmap_of(self._small_seen)
        self._small_seen = set()

    def _sample(self, req: dict[str, Any], prompt: str, relayed: bool = False, followup: bool = False) -> None:
        self.n_sampled += 1
        if not followup:
            self.n_sampled_open += 1
        # A platform's own system prompt is the platform's, not its users' template.
        system = None if relayed else req.get("system")
        if len(self.samples) < MAX_SAMPLES:
            self.samples.append(prompt[:SAMPLE_CHARS].lower())
            self.n_own_read += 1
            tasked = isinstance(system, str) and text.assigns_transformation(system)
            self.n_own += tasked or text.hands_own_text(prompt)
        elicit = False
        if system:
            hs = crc32(system.encode())
            cached = self.systems.get(hs)
            if cached is None:
                cached = text.elicits_reasoning(system)
                if len(self.systems) < 64:
                    self.systems[hs] = cached
                    if len(self.system_shingles) < MAX_SHINGLES:
                        self.system_shingles.update(text.shingles(text.skeleton(system)[0]))
            elicit = cached
        if req.get("reasoning") or elicit or text.elicits_reasoning(prompt):
            self.n_elicit += 1
            if not followup and text.poses_own_problem(prompt):
                self.n_posed += 1
        if not followup and (text.asks_for_record(prompt) or text.asks_for_record(system)):
            self.n_record += 1
        hits = self.topic_hits
        for d in text.topics(prompt):
            hits[d] = hits.get(d, 0) + 1
        skel, nums = text.skeleton(prompt)
        sk = self.skeletons
        if skel in sk:
            sk[skel] += 1
        elif len(sk) < MAX_SKELETONS:
            sk[skel] = 1
        if nums:
            lst = self.numbers.get(skel)
            if lst is None and len(self.numbers) < MAX_SKELETONS:
                lst = self.numbers[skel] = []
            if lst is not None and len(lst) < MAX_NUMBERS:
                lst.append(nums[-1])
                if len(nums) > 1:
                    self.leading.setdefault(skel, []).append(nums[0])
        if self.n_sampled <= SHINGLE_SAMPLES and len(self.shingles) < MAX_SHINGLES:
            self.shingles.extend(text.shingles(skel))

    @classmethod
    def merged(cls, states: list[AccountState], plan: str | None) -> AccountState:
        """The state a group would have as one account (counters summed, sets joined).

        Timing regularity does not merge (gaps between different accounts mean nothing); what a
        group does jointly shows in its volume, its share of elicitation and novelty, its topic
        breadth, its hours and its keyspace coverage.
        """
        days = sorted(len(s.days) for s in states)
        hours = sorted(s.hours_per_day() for s in states)
        out = cls({"account_id": "group", "plan": plan, "members": len(states),
                   "member_days": days[len(days) // 2] if days else 0,  # a typical member's active days
                   "member_hours": hours[len(hours) // 2] if hours else 0.0})  # and hours per active day
        for s in states:
            out.n += s.n
            out.n_reasoning += s.n_reasoning
            out.n_followup += s.n_followup
            out.n_open += s.n_open
            out.in_open += s.in_open
            out.out_open += s.out_open
            out.n_scripted += s.n_scripted
            out.in_tokens += s.in_tokens
            out.out_tokens += s.out_tokens
            out.n_close += s.n_close
            out.n_sampled += s.n_sampled
            out.n_elicit += s.n_elicit
            out.n_repeat += s.n_repeat
            out.first_ts = min(out.first_ts, s.first_ts)
            out.last_ts = max(out.last_ts, s.last_ts)
            out.hours = [a + b for a, b in zip(out.hours, s.hours, strict=True)]
            out.days |= s.days
            out.rested |= s.rested
            out.throttled |= s.throttled
            out.hour_slots |= s.hour_slots
            out.bins |= s.bins
            for k, v in s.topic_hits.items():
                out.topic_hits[k] = out.topic_hits.get(k, 0) + v
            for k, v in s.skeletons.items():
                out.skeletons[k] = out.skeletons.get(k, 0) + v
            for k, nums in s.numbers.items():
                out.numbers.setdefault(k, []).extend(nums)
            for k, nums in s.leading.items():
                out.leading.setdefault(k, []).extend(nums)
            out.systems.update(s.systems)
            out.samples.extend(s.samples)
            out.n_own += s.n_own
            out.n_own_read += s.n_own_read
            out.n_posed += s.n_posed
            out.n_record += s.n_record
            out.n_sampled_open += s.n_sampled_open
            if s.d_n:
                out._merge_data(s)
        return out

    # -- derived features, computed when a detector asks ---------------------------------------

    @property
    def plan(self) -> str | None:
        return (self.account or {}).get("plan")

    @property
    def is_group(self) -> bool:
        """A group's traffic read as one account (`merged`), not one account's own."""
        return bool((self.account or {}).get("members"))

    @property
    def member_days(self) -> int:
        """A group's typical member's active days (`merged`; 0 for one account's own state)."""
        return int((self.account or {}).get("member_days", 0))

    @property
    def member_hours(self) -> float:
        """A group's typical member's distinct hours per active day (`merged`; 0 for one account)."""
        return float((self.account or {}).get("member_hours", 0.0))

    @property
    def active_days(self) -> int:
        return max(1, len(self.days))

    def gap_cv(self) -> float:
        """Coefficient of variation of inter-request gaps (machines are regular, people are not)."""
        if self.gap_n < 10 or self.gap_mean <= 0:
            return math.inf
        return math.sqrt(self.gap_m2 / (self.gap_n - 1)) / self.gap_mean

    def hours_per_day(self) -> float:
        """Mean number of distinct hours with traffic per active day (people sleep; machines do not)."""
        return len(self.hour_slots) / self.active_days

    def restless_share(self) -> float:
        """Share of active days that ended no pause of REST_S or more (0 with under 3 days)."""
        if len(self.days) < 3:
            return 0.0
        return 1 - len(self.rested & self.days) / len(self.days)

    def capped_share(self) -> float:
        """Share of active days on which the plan's limit refused the account: it asked for as
        much as its plan allows (0 with under 3 days: one busy evening is not a habit)."""
        if len(self.days) < 3:
            return 0.0
        return len(self.throttled & self.days) / len(self.days)

    def active_hours(self) -> int:
        """Hours of the day (UTC) carrying at least 1/96 of the traffic."""
        floor = self.n / 96
        return sum(1 for c in self.hours if c > floor)

    def elicit_share(self) -> float:
        return self.n_elicit / self.n_sampled if self.n_sampled else 0.0

    def breadth(self) -> int:
        """Domains that at least two sampled prompts touch."""
        return sum(1 for c in self.topic_hits.values() if c >= 2)

    def single_turn_share(self) -> float:
        """Requests that are not a person's own follow-up (a script's canned follow-ups count)."""
        return 1 - (self.n_followup - self.n_scripted) / self.n if self.n else 0.0

    def repeat_share(self) -> float:
        """Share of requests re-asking a prompt seen before, but not among the last RECENT ones.

        A benchmark re-runs its fixed question set (far repeats); a harvester may sample a prompt
        several times in a row (near repeats), which is still harvesting.
        """
        opened = self.n_open or self.n
        return self.n_repeat / opened if opened else 0.0

    def posed_share(self) -> float:
        """Share of sampled opening prompts asking, with reasoning, for a problem the model makes
        up and solves (`text.poses_own_problem`); a conversation's follow-ups are not new asks."""
        return self.n_posed / self.n_sampled_open if self.n_sampled_open else 0.0

    def record_share(self) -> float:
        """Share of sampled opening prompts asking for a training record by its fields
        (`text.asks_for_record`): instruction data, preference pairs."""
        return self.n_record / self.n_sampled_open if self.n_sampled_open else 0.0

    def own_text_share(self) -> float:
        """Share of sampled prompts that hand the model text of the caller's own to work on
        (quoted, or a document set off below the instruction): transformation, not extraction."""
        return self.n_own / self.n_own_read if self.n_own_read else 0.0

    def template_shingles(self) -> set[int]:
        """What this account repeats: prompt 3-grams seen at least twice, plus system prompts.

        One-off words (the question's subject, a document's text) drop out; the template stays.
        """
        out = set(self.system_shingles)
        seen: set[int] = set()
        for h in self.shingles:
            if h in seen:
                out.add(h)
            else:
                seen.add(h)
        return out

    def output_ratio(self) -> float:
        return self.out_tokens / max(1, self.in_tokens)


# Every slot of a state, its data-API features included: what checkpoints and snapshots copy
# (not the keyspace memo, which is derived and recomputed when the state has changed).
SLOTS: tuple[str, ...] = tuple(n for n in (*AccountState.__slots__, *DataFeatures.__slots__) if n != "_walk")


def _bitmap_of(hashes: set[int]) -> bytearray:
    """Prompt hashes as a SEEN_BITS bitmap (what `AccountState` keeps past 64 requests)."""
    bits = bytearray(SEEN_BITS >> 3)
    for old in hashes:
        h = old % SEEN_BITS
        bits[h >> 3] |= 1 << (h & 7)
    return bits
