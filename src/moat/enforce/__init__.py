"""Enforcement past the decision: actions, cases, appeals, and the restricted-entity feed."""
