"""Which account created each stored response, so no other caller can read or continue it.

The Responses API stores answers upstream (`store` defaults to true) under the *gateway's* one
upstream credential, so without this any Moat caller who learnt a `resp_...` id could read another
account's answer (`GET /v1/responses/{id}`, its `input_items`), delete it, or continue its
conversation (`previous_response_id`). Moat remembers, per replica and bounded (oldest forgotten
first), the account, the upstream and whether reasoning was redacted for every response it relayed.

- Reading, deleting or cancelling a response needs this replica to know it and the caller to own
  it; otherwise 404, as if it did not exist (fail closed: a stored answer is model output).
- `previous_response_id` naming another account's response is refused the same way; one this
  replica does not know (made through another replica, or before a restart) is let through, so a
  conversation keeps working without sticky sessions. Sharing this memory between replicas is left
  to a later change.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from moat.context import RequestContext
from moat.errors import NotFound
from moat.gateway.facts import CallFacts

CAPACITY = 200_000  # ids remembered per replica (~100 bytes each)


@dataclass(frozen=True, slots=True)
class StoredResponse:
    account_id: str
    upstream: str
    redact_reasoning: bool  # the decision that made it redacted reasoning: so does every read of it


def not_found(response_id: str) -> NotFound:
    return NotFound(f"No response found with id '{response_id}'.", code="response_not_found")


class ResponseOwners:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._owners: OrderedDict[str, StoredResponse] = OrderedDict()

    def remember(self, response_id: str, stored: StoredResponse) -> None:
        self._owners[response_id] = stored
        self._owners.move_to_end(response_id)
        if len(self._owners) > self._capacity:
            self._owners.popitem(last=False)

    def get(self, response_id: str) -> StoredResponse | None:
        return self._owners.get(response_id)

    def forget(self, response_id: str) -> None:
        self._owners.pop(response_id, None)

    def owned(self, response_id: str, account_id: str) -> StoredResponse:
        """The stored response if `account_id` created it (through this replica); else NotFound."""
        stored = self._owners.get(response_id)
        if stored is None or stored.account_id != account_id:
            raise not_found(response_id)
        return stored

    def check_continuation(self, ctx: RequestContext, facts: CallFacts) -> None:
        """Refuse a `previous_response_id` that another account's call created."""
        previous = facts.extra.get("previous_response_id")
        if previous is None or ctx.account is None:
            return
        stored = self._owners.get(previous)
        if stored is not None and stored.account_id != ctx.account.account_id:
            raise not_found(previous)
