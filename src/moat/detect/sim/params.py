"""Simulator parameters: mixture, volumes, and how careful the adversaries are.

Tests vary these (and the seed) so that detectors are not tuned to one draw of one simulator.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

# Share of accounts per persona. Networks and cohorts draw whole groups of accounts from their share.
# About a fifth of accounts are abusive; many benign ones are hard negatives (see personas.py and
# hard.py for what each one looks like and why it is hard).
DEFAULT_MIXTURE: dict[str, float] = {
    # benign, ordinary
    "developer": 0.13,
    "student": 0.08,
    "gmail_user": 0.05,
    "power_user": 0.025,
    # benign, hard negatives
    "corporate_nat": 0.06,
    "startup_team": 0.035,
    "enterprise_batch": 0.02,
    "benchmark": 0.015,
    "support_bot": 0.015,
    "consumer_app": 0.01,
    "platform_user": 0.02,
    "shared_egress": 0.06,
    "ide_user": 0.04,
    "hackathon": 0.045,
    "research_lab": 0.03,
    "eval_harness": 0.015,
    "former_rival": 0.01,
    "rival_visitor": 0.01,
    "family_plan": 0.02,
    "night_shift": 0.02,
    "localization": 0.01,
    # abusive
    "distill_network": 0.07,
    "lone_distiller": 0.015,
    "scraper": 0.012,
    "keyspace_scraper": 0.02,
    "tier_pipeline": 0.01,
    "tier_shared": 0.01,
    "free_farm": 0.04,
    "reseller": 0.01,
    "credit_relay": 0.012,
    "subscription_cycler": 0.008,
    "rival_personal": 0.015,
    "rival_platform": 0.01,
}

# Data-API clients (moat.detect.sim.data, issue 15): absent from the default mixture, so a model-only
# simulation is unchanged; `moat simulate --data mixed|only` adds them (or --mix NAME=WEIGHT).
DATA_MIXTURE: dict[str, float] = {
    # benign
    "data_dashboard": 0.06,
    "data_researcher": 0.05,
    "firehose_consumer": 0.02,
    "news_app": 0.05,
    # harvesting, resale, a rival (about a fifth of data clients)
    "id_sweeper": 0.01,
    "time_sweeper": 0.01,
    "split_crawl": 0.015,
    "redownloader": 0.01,
    "data_reseller": 0.008,
    "rival_harvester": 0.004,
}
# The second slice (moat.detect.sim.data_hard): look-alikes of every harvesting and resale reading, and
# careful harvesters. `moat simulate --data` adds both; tests of the first slice read DATA_MIXTURE alone.
DATA_HARD_MIXTURE: dict[str, float] = {
    "topic_researcher": 0.02,
    "panel_researcher": 0.015,
    "research_group": 0.03,
    "archive_backfill": 0.01,
    "mobile_app": 0.015,
    "cloud_app": 0.02,
    "monitoring_tool": 0.015,
    "cached_redownloader": 0.008,
    "sdk_reseller": 0.008,
    "reseller_network": 0.012,
    "residential_split_crawl": 0.012,
}
DATA_ABUSIVE = frozenset({"id_sweeper", "time_sweeper", "split_crawl", "redownloader", "data_reseller",
                          "rival_harvester", "cached_redownloader", "sdk_reseller", "reseller_network",
                          "residential_split_crawl"})

# benign personas built to look like abuse in some respect (scaled together by `hard_negatives`)
HARD_NEGATIVES = frozenset({
    "corporate_nat", "startup_team", "enterprise_batch", "benchmark", "support_bot", "consumer_app",
    "platform_user", "shared_egress", "ide_user", "hackathon", "research_lab", "eval_harness", "former_rival",
    "rival_visitor", "family_plan", "night_shift", "localization",
})

ABUSIVE = frozenset({
    "distill_network", "lone_distiller", "scraper", "keyspace_scraper", "tier_pipeline", "tier_shared",
    "free_farm", "reseller", "credit_relay", "subscription_cycler", "rival_personal", "rival_platform",
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
    carefulness: float = 0.5  # overall care of the newer adversaries (scales volume, diversity, cover)
    jitter_s: float = 120.0  # spread of a network member around the shared schedule
    paraphrase_rate: float = 0.3  # share of template words a distiller rewrites per request
    paraphrase_depth: float = 0.4  # share of distiller prompts recast in a new sentence structure
    proxy_ranges: int = 3  # /24 proxy ranges a network egresses from
    residential_share: float = 0.2  # share of a network's requests from scattered residential IPs
    shared_payment: float = 0.6  # share of network accounts paying with one of a few shared cards
    signup_spread_days: float = 3.0  # over how many days a network's signups are staggered
    elicit_phrase_rate: float = 0.8  # share of distiller requests with explicit step-by-step phrasing
    reasoning_flag_rate: float = 0.8  # share of distiller requests with the reasoning flag set
    multi_sample: float = 0.2  # share of distiller prompts asked 2-4 times in a row (several samples)
    narrow_networks: float = 0.3  # share of networks focused on 2-3 domains (narrow capability)
    cover_traffic: float = 0.1  # share of an adversary's requests that are ordinary chatter
    scraper_shuffle: int = 4  # window within which a scraper shuffles its counter / keyspace
    farm_size: tuple[int, int] = (20, 50)  # free accounts in one free-plan farm
    reseller_accounts: tuple[int, int] = (1, 5)  # paid accounts one reseller runs
    relay_accounts: tuple[int, int] = (6, 14)  # trial accounts one credit relay burns in the window
    cycler_accounts: tuple[int, int] = (4, 7)  # subscriptions one trial cycler opens in the window
    rival_links: int = 1  # independent affiliation signals per rival employee (1 = careful)
    rival_in_network: float = 0.3  # probability that a distillation network holds rival employees
    # hard negatives
    hard_negatives: float = 1.0  # multiplies the mixture weight of every hard-negative persona
    shared_egress_share: float = 0.15  # share of ordinary people who sometimes egress via a VPN/cloud/coworking
    hackathon_size: tuple[int, int] = (15, 60)
    corporate_size: tuple[int, int] = (3, 30)
    noise: float = 0.05  # benign noise: odd hours, stray reasoning, extra IPs

    def with_(self, **changes: Any) -> SimParams:
        return replace(self, **changes)


CAREFUL = {
    "carefulness": 0.9, "jitter_s": 1200.0, "paraphrase_rate": 0.6, "paraphrase_depth": 0.8,
    "proxy_ranges": 10, "residential_share": 0.7, "shared_payment": 0.15, "signup_spread_days": 30.0,
    "elicit_phrase_rate": 0.4, "reasoning_flag_rate": 0.5, "cover_traffic": 0.3, "scraper_shuffle": 24,
    "noise": 0.1,
}
SLOPPY = {
    "carefulness": 0.1, "jitter_s": 20.0, "paraphrase_rate": 0.1, "paraphrase_depth": 0.0,
    "proxy_ranges": 1, "residential_share": 0.0, "shared_payment": 0.9, "signup_spread_days": 0.25,
    "elicit_phrase_rate": 0.95, "reasoning_flag_rate": 0.95, "cover_traffic": 0.0, "scraper_shuffle": 1,
    "rival_links": 2, "noise": 0.02,
}
