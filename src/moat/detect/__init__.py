"""Detectors: what callers do with the model (issue 6).

`state.AccountState` keeps per-account features that are updated one request at a time and can be
scored at any moment; each detector module (`distillation`, `scraping`, `tier_abuse`,
`coordination`, `competitor`) turns them into a score in [0, 1] with evidence; `engine.Engine`
ties them together for `moat detect` (batch today, `--follow` later). `sim/` is the labelled
traffic simulator and `evaluate` the measurement against its labels.
"""
