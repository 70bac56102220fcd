"""What an admission took, derived from its outcomes: the record settle and release work from."""

from __future__ import annotations

from moat.limits.base import Check, LimiterStats
from moat.limits.spec import LimitSpec
from moat.limits.verdict import decide

RPM = LimitSpec("rpm", "requests", 10)
TPM = LimitSpec("tpm", "tokens", 1000)
SLOTS = LimitSpec("slots", "concurrency", 2)
SHADOW = LimitSpec("probe", "tokens", 5, shadow=True)
CHECKS = (Check(RPM, "a"), Check(TPM, "a"), Check(SLOTS, "a"), Check(SHADOW, "a"))


def test_an_all_pass_admission_takes_every_token_limit_and_slot() -> None:
    stats = LimiterStats()
    outcomes = [(True, 6_000_000, None, 1, 6_000_000), (True, 300, None, 50, 3000),
                (True, 0, None, 0, 0), (True, 10, None, 50, 600_000_000)]
    admission = decide(CHECKS, outcomes, stats, lease_id="L1")
    assert admission.allowed and admission.refused_by is None and admission.retry_after == 0
    assert [(r.check.spec.name, r.units, r.local) for r in admission.reservations] == [("tpm", 50, False),
                                                                                    ("probe", 50, False)]
    assert [(lease.check.spec.name, lease.lease_id) for lease in admission.leases] == [("slots", "L1")]
    assert stats.checks == 1 and stats.limits_evaluated == 4 and not stats.refusals


def test_a_failing_shadow_limit_takes_nothing_and_is_counted() -> None:
    stats = LimiterStats()
    outcomes = [(True, 1, None, 1, 1), (True, 1, None, 50, 1), (True, 0, None, 0, 0), (False, 9, None, 50, 9)]
    admission = decide(CHECKS, outcomes, stats, lease_id="L2")
    assert admission.allowed
    assert [r.check.spec.name for r in admission.reservations] == ["tpm"]
    assert stats.shadow_refusals["probe"] == 1 and not stats.refusals


def test_a_refusal_takes_nothing() -> None:
    stats = LimiterStats()
    outcomes = [(True, 1, None, 1, 1), (False, 60_500_000, None, 50, 3000), (True, 0, None, 0, 0),
                (True, 1, None, 50, 1)]
    admission = decide(CHECKS, outcomes, stats, lease_id="L3")
    assert not admission.allowed and admission.refused_by == "tpm" and admission.retry_after == 0.5
    assert admission.reservations == [] and admission.leases == [] and list(admission.consumed()) == []


def test_fail_modes_open_and_closed_take_nothing_local_takes_locally() -> None:
    stats = LimiterStats()
    outcomes = [(True, 0, "open", 0, 0), (True, 300, "local", 50, 3000), (True, 0, "local", 0, 0),
                (True, 0, "open", 0, 0)]
    admission = decide(CHECKS, outcomes, stats, lease_id="L4")
    assert admission.allowed and admission.degraded
    assert [(r.check.spec.name, r.local) for r in admission.reservations] == [("tpm", True)]
    assert [(lease.check.spec.name, lease.local) for lease in admission.leases] == [("slots", True)]
    assert stats.fallbacks == {"open": 2, "local": 2}
    closed = decide(CHECKS, [(True, 0, None, 1, 1), (False, 0, "closed", 0, 0), (True, 0, None, 0, 0),
                             (True, 0, None, 0, 0)], stats, lease_id="L5", closed_retry_after=3.0)
    assert not closed.allowed and closed.refused_by == "tpm" and closed.retry_after == 3.0
