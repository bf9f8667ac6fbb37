"""fred raw assets (wired in by the fred source work)."""

ASSETS: list = []
