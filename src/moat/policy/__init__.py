"""The decide stage: policy bundles (YAML + CEL), compiled at load, evaluated per request.

    store = PolicyStore(settings.policy_dir)      # loads, compiles; raises BundleError if invalid
    store.start()                                 # hot reload (polls the directory, ~1 s)
    decision = store.decide(ctx, directory)       # per request: moat.context.Decision
    checks = store.engine.checks(decision)        # limiter checks for decision.limits

Modules: `schema`/`variables` (the context declared in moat.context_fields: documented, as CEL
variables), `celparse`/`analysis` (load-time CEL checks and rewrite), `rules`/`limitdefs`/`bundle`
(files -> compiled bundle), `engine` (decide), `store` (hot reload), `testing`/`replay`/`commands`
(tooling).
"""

from moat.policy.bundle import Bundle, load_bundle
from moat.policy.engine import Engine
from moat.policy.store import PolicyStore
from moat.policy.variables import DirectoryView
from moat.policy.yamlread import BundleError, PolicyError

__all__ = ["Bundle", "BundleError", "DirectoryView", "Engine", "PolicyError", "PolicyStore", "load_bundle"]
