"""bybit raw assets (wired in by the bybit source work)."""

ASSETS: list = []
