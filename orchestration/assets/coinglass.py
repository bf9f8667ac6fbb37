"""coinglass raw assets (wired in by the coinglass source work)."""

ASSETS: list = []
