"""fed raw assets (wired in by the fed source work)."""

ASSETS: list = []
