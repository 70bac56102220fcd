"""A rule as written in a bundle file, validated field by field with the line of each problem.

    rules:
      - id: restricted-org                 # unique in the bundle
        when: org.restricted                # CEL over the context schema (default: true)
        effect: deny                        # allow | deny | throttle | redact_reasoning |
                                            # require_attribution | flag | cap
        reason: competitive_use_restricted  # reason code (default: the id)
        message: "..."                      # shown to the customer; {decision_id} is filled in
        mode: enforce                       # enforce | shadow | warn
        priority: 0                         # higher wins over lower (see moat.policy.engine)
        limit: free_rpm                     # throttle: the named limit(s) to apply
        max_tokens: 1024                    # cap: lower max_tokens to at most this
        models: ["small-*"]                 # cap: the models allowed (globs); others are refused
"""

from __future__ import annotations

from dataclasses import dataclass

from moat.policy.yamlread import Located, PolicyError

EFFECTS = ("allow", "deny", "throttle", "redact_reasoning", "require_attribution", "flag", "cap")
MODES = ("enforce", "shadow", "warn")
_KEYS = frozenset({"id", "when", "effect", "reason", "message", "mode", "priority", "limit", "max_tokens",
                   "models", "description"})


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    when: str
    effect: str
    reason: str
    message: str
    mode: str
    priority: int
    file: str
    line: int  # of the rule's mapping
    when_line: int  # first line of the condition text in the file
    limits: tuple[str, ...] = ()
    max_tokens: int | None = None
    models: tuple[str, ...] = ()
    description: str = ""


def parse_rule(raw: object, file: str, line: int, errors: list[PolicyError]) -> Rule | None:
    """Validate one rule mapping; append every problem to `errors` and return None if any."""
    if not isinstance(raw, Located):
        errors.append(PolicyError(file, line, "a rule must be a mapping"))
        return None
    before = len(errors)

    def err(key: str, reason: str) -> None:
        errors.append(PolicyError(file, raw.line_of(key), reason))

    for key in raw:
        if key not in _KEYS:
            err(key, f"unknown rule field {key!r} (known: {', '.join(sorted(_KEYS))})")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        err("id", "rule needs a non-empty string id")
    when = raw.get("when", "true")
    if isinstance(when, bool):
        when = "true" if when else "false"
    if not isinstance(when, str) or not when.strip():
        err("when", "when must be a CEL expression (a string)")
    effect = raw.get("effect")
    if effect not in EFFECTS:
        err("effect", f"effect must be one of {', '.join(EFFECTS)}, not {effect!r}")
    mode = raw.get("mode", "enforce")
    if mode not in MODES:
        err("mode", f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    priority = raw.get("priority", 0)
    if isinstance(priority, bool) or not isinstance(priority, int):
        err("priority", f"priority must be an integer, not {priority!r}")
    for key in ("reason", "message", "description"):
        if key in raw and not isinstance(raw[key], str):
            err(key, f"{key} must be a string")
    limit = raw.get("limit", [])
    limits = (limit,) if isinstance(limit, str) else tuple(limit) if isinstance(limit, list) else None
    if limits is None or not all(isinstance(x, str) for x in limits):
        err("limit", "limit must be a limit name or a list of names")
        limits = ()
    if effect == "throttle" and not limits:
        err("effect", "a throttle rule needs `limit: <name>`")
    if effect != "throttle" and limits:
        err("limit", "only throttle rules take `limit`")
    max_tokens = raw.get("max_tokens")
    if max_tokens is not None and (isinstance(max_tokens, bool) or not isinstance(max_tokens, int)
                                   or max_tokens < 1):
        err("max_tokens", "max_tokens must be a positive integer")
    models = raw.get("models", [])
    if not isinstance(models, list) or not all(isinstance(m, str) for m in models):
        err("models", "models must be a list of model names or globs")
        models = []
    if effect == "cap" and max_tokens is None and not models:
        err("effect", "a cap rule needs `max_tokens` and/or `models`")
    if effect != "cap" and (max_tokens is not None or models):
        err("max_tokens" if max_tokens is not None else "models", "only cap rules take max_tokens / models")
    if len(errors) > before:
        return None
    assert isinstance(rule_id, str) and isinstance(when, str) and isinstance(effect, str)
    when_line = raw.line_of("when") + (1 if "when" in raw.block_keys else 0)
    return Rule(id=rule_id, when=when, effect=effect, reason=raw.get("reason") or rule_id,
                message=raw.get("message", ""), mode=mode, priority=priority, file=file, line=raw.line,
                when_line=when_line, limits=limits, max_tokens=max_tokens, models=tuple(models),
                description=raw.get("description", ""))
