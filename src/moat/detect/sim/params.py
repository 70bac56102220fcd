"""Simulator parameters: mixture, volumes, and how careful the adversaries are.

Tests vary these (and the seed) so that detectors are not tuned to one draw of one simulator.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

# Share of accounts per persona. Networks draw whole groups of accounts from their share.
DEFAULT_MIXTURE: dict[str, float] = {
    # benign, hard negatives among them
    "developer": 0.22,
    "student": 0.14,
    "gmail_user": 0.08,
    "corporate_nat": 0.08,
    "startup_team": 0.07,
    "enterprise_batch": 0.04,
    "benchmark": 0.03,
    "support_bot": 0.03,
    "consumer_app": 0.02,
    "power_user": 0.04,
    "platform_user": 0.04,
    # abusive
    "distill_network": 0.09,
    "lone_distiller": 0.02,
    "scraper": 0.03,
    "tier_pipeline": 0.02,
    "tier_shared": 0.02,
    "rival_personal": 0.02,
    "rival_platform": 0.01,
}

ABUSIVE = frozenset({
    "distill_network", "lone_distiller", "scraper", "tier_pipeline", "tier_shared",
    "rival_personal", "rival_platform",
})


@dataclass(frozen=True, slots=True)
class SimParams:
    accounts: int = 1000
    days: int = 7
    seed: int = 0
    start: float = 1_767_225_600.0  # 2026-01-01T00:00:00Z
    mixture: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_MIXTURE))
    volume: float = 1.0  # multiplies every persona's requests per day
    network_size: tuple[int, int] = (10, 40)
    # how careful adversaries are (0 = sloppy, 1 = careful)
    jitter_s: float = 120.0  # spread of a network member around the shared schedule
    paraphrase_rate: float = 0.3  # share of template words a distiller rewrites per request
    proxy_ranges: int = 3  # /24 proxy ranges a network egresses from
    residential_share: float = 0.2  # share of a network's requests from scattered residential IPs
    shared_payment: float = 0.6  # share of network accounts paying with one of a few shared cards
    elicit_phrase_rate: float = 0.8  # share of distiller requests with explicit step-by-step phrasing
    reasoning_flag_rate: float = 0.8  # share of distiller requests with the reasoning flag set
    multi_sample: float = 0.2  # share of distiller prompts asked 2-4 times in a row (several samples)
    narrow_networks: float = 0.3  # share of networks focused on 2-3 domains (narrow capability)
    scraper_shuffle: int = 4  # window within which a scraper shuffles its counter
    rival_links: int = 1  # independent affiliation signals per rival employee (1 = careful)
    noise: float = 0.05  # benign noise: odd hours, stray reasoning, extra IPs

    def with_(self, **changes: Any) -> SimParams:
        return replace(self, **changes)


CAREFUL = {
    "jitter_s": 900.0, "paraphrase_rate": 0.6, "proxy_ranges": 8, "residential_share": 0.5,
    "shared_payment": 0.3, "elicit_phrase_rate": 0.5, "reasoning_flag_rate": 0.6,
    "scraper_shuffle": 16, "noise": 0.1,
}
SLOPPY = {
    "jitter_s": 20.0, "paraphrase_rate": 0.1, "proxy_ranges": 1, "residential_share": 0.0,
    "shared_payment": 0.9, "elicit_phrase_rate": 0.95, "reasoning_flag_rate": 0.95,
    "scraper_shuffle": 1, "rival_links": 2, "noise": 0.02,
}
