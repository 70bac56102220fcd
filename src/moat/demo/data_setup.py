"""How `moat demo` puts the gateway in front of its demo data API: as an operator would a real one.

The demo data API (moat.demo.data_api) is an ordinary `kind = "http"` upstream with three data
routes (docs/data-apis.md), so the demo's data traffic takes the relay's real code path. Its terms
are one more policy file (policy/data.yaml: a research key may not hold the firehose) beside the
shipped default bundle, copied into the demo's home and configured as `policy_dir`: the console
can then edit the demo's bundle, and the default bundle itself stays as it ships.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from moat.config import RouteSettings, Settings, UpstreamSettings
from moat.policy.bundle import DEFAULT_DIR

UPSTREAM = "demo-data"
FIREHOSE = "/2/tweets/search/stream"
SEARCH = "/2/tweets/search"
USERS = "/2/users"
_OWN_POLICY = Path(__file__).parent / "policy"


def configure(settings: Settings, base_url: str) -> None:
    """Add the demo data API as an upstream with its routes, and the demo's bundle as `policy_dir`."""
    settings.upstreams = [u for u in settings.upstreams if u.name != UPSTREAM]
    settings.upstreams.append(UpstreamSettings(name=UPSTREAM, kind="http", base_url=base_url, connect_timeout=2,
                                               first_byte_timeout=10, idle_timeout=10))
    settings.routes = [r for r in settings.routes if r.upstream != UPSTREAM]
    settings.routes += [
        # Who each post is by is the firehose's resource; the query is a search's; the id a lookup's.
        RouteSettings(path=FIREHOSE, methods=["GET"], upstream=UPSTREAM, items="ndjson",
                      item_resource="data.author_id"),
        RouteSettings(path=SEARCH, methods=["GET"], upstream=UPSTREAM, resource="query:query"),
        RouteSettings(path=USERS, methods=["GET"], upstream=UPSTREAM, resource="path:2"),
    ]
    bundle = settings.home_path / "policy"
    bundle.mkdir(exist_ok=True)
    for source in (*sorted(DEFAULT_DIR.glob("*.yaml")), *sorted(_OWN_POLICY.glob("*.yaml"))):
        shutil.copyfile(source, bundle / source.name)
    settings.policy_dir = str(bundle)
