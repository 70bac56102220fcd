"""What dates from signup: evidence about the moment an account was made, and how it ages.

A verified work email, the company typed in and the address the account was made from all say
one thing: the person was at the organization when the account was made. People change jobs and
keep their accounts, so that evidence halves with every `signup_half_life_days` of the account's
age, and when nothing current renews it (the organization's SSO tenant or card, a declared
membership, an attested end-user organization, a request from a range of its own) it is one fact,
not independent signals to add up. The linker (`moat.identity.linking`) and the resolve stage
(`moat.identity.resolve`) both age it here, so a former employee is a weak tie to both. Neither
takes a listed range that many unrelated accounts call from (a gateway node, a coworking floor)
as the organization's own: passing through one renews nothing. The linker counts the accounts
seen in each range over the whole traffic, the resolve stage over the requests its replica has
seen (`linking_addresses.exclusivity` for both).
"""

from __future__ import annotations

from collections.abc import Callable

from moat.identity.linking_result import noisy_or

# Kinds of evidence. Addresses are the one kind that never links on its own: a listed range may
# be a cloud egress block, a VPN exit or a coworking floor that the organization shares. A work
# email and what the account said at signup (its declared company) are its own evidence, kept
# apart because they age when nothing current renews them.
ADDRESS, OWN, EMAIL, AT_SIGNUP, INHERITED = "address", "own", "email", "at signup", "inherited"
_SIGNUP_KINDS = frozenset((EMAIL, AT_SIGNUP, ADDRESS))
HALF_LIFE_DAYS = 365.0  # the default of both `LinkingConfig` and `ResolveConfig`

Evidence = list[tuple[float, str, str]]  # (weight, evidence text, kind)


def staleness(created: float | None, now: float, half_life_days: float) -> float:
    """How much signup-time evidence still says at `now`: 1.0 for an account of unknown age (or
    made after `now`), halving every `half_life_days` of its age."""
    if created is None or now <= created:
        return 1.0
    return float(0.5 ** ((now - created) / 86400.0 / half_life_days))


def dates_from_signup(entries: Evidence, called_from: Callable[[], bool]) -> bool:
    """Whether all of this evidence for one organization dates from signup and something other
    than an address is among it (`called_from()`: whether a request came from the organization's
    network, which renews the tie, asked only when an address is among the evidence; an
    address-only tie ages as an address, never as corroboration)."""
    kinds = {kind for _, _, kind in entries}
    if not kinds <= _SIGNUP_KINDS or kinds == {ADDRESS}:
        return False
    return ADDRESS not in kinds or not called_from()


def one_moment(entries: Evidence, stale: float, note: str) -> Evidence:
    """Signup-time evidence as one fact, aged once: combined at its weight at signup (the email
    entered unaged, the others aged by `stale`), then `stale` applied to the whole; `note` says
    how old the account is."""
    at_signup = noisy_or(w if kind == EMAIL else min(1.0, w / stale) for w, _, kind in entries)
    total = at_signup * stale
    shown = [(0.0, text + (note if kind == EMAIL else ""), kind) for _, text, kind in entries]
    kinds = {k for _, _, k in entries}
    kind = EMAIL if EMAIL in kinds else AT_SIGNUP if AT_SIGNUP in kinds else ADDRESS
    return [(total, f"all of it dates from signup and nothing current renews it: together weight "
                    f"{at_signup:.2f} then, {total:.2f} now", kind), *shown]
