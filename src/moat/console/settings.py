"""Console settings. Read from `Settings.console` when the main settings carry that section, else
the defaults below: the console works with no configuration at all.

`secure_cookies`: "auto" marks the session cookie Secure when the request reached Moat over https
(uvicorn sets the scheme from X-Forwarded-Proto only for `trusted_proxies`), "always" when TLS is
terminated by a proxy Moat does not trust for headers, "never" for plain-http development.
`public_origin`: the origin browsers use (e.g. https://moat.example.com) when a proxy rewrites the
Host header; state-changing requests must come from it (or from the Host the request names).
"""

from __future__ import annotations

from typing import Any

from moat.config import ConsoleSettings


def console_settings(settings: Any) -> ConsoleSettings:
    """The console section of the main settings, if it has one (dict or dataclass)."""
    section = getattr(settings, "console", None)
    if section is None:
        return ConsoleSettings()
    if isinstance(section, ConsoleSettings):
        return section
    values = section if isinstance(section, dict) else {
        k: getattr(section, k) for k in ConsoleSettings.__dataclass_fields__ if hasattr(section, k)}
    known = {k: v for k, v in values.items() if k in ConsoleSettings.__dataclass_fields__}
    return ConsoleSettings(**known)
