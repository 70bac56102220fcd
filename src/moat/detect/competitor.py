"""Hidden competitor affiliation: an account tied to a restricted organization.

The tie comes from linking (`moat.identity.linking.Linker`, issue 5), the one implementation of
account -> organization evidence (email domain, SSO tenant, payment instrument, IP ranges,
platform-attested end-user organization, shared identifiers). This module only turns a link into
a score: the linker's strongest confidence toward any restricted organization.
"""

from __future__ import annotations

from moat.detect.scoring import Score
from moat.identity.linking import AccountLink


def score(link: AccountLink | None) -> Score:
    if link is None:
        return Score()
    value = link.confidence if link.restricted else link.restricted_score
    out = Score(round(min(1.0, max(0.0, value)), 4))
    if link.restricted and link.org_id:
        out.evidence.append(f"affiliated with restricted organization {link.org_id} "
                            f"(confidence {link.confidence:.2f})")
        out.evidence.extend(link.evidence[:4])
    elif value >= 0.25 and link.candidate_org:
        out.evidence.append(f"weak tie to a restricted organization (confidence {value:.2f}), "
                            "below the linking threshold")
    return out
