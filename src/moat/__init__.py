"""Moat: a usage-policy enforcement gateway for AI model APIs.

The spine of one request (see DESIGN.md):
authenticate → attribute → resolve → decide → relay → meter → record.
"""

__version__ = "0.1.0"
