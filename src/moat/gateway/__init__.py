"""The gateway: ASGI app, OpenAI- and Anthropic-compatible routes, upstream relay, demo model."""
