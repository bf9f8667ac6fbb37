"""farside raw assets (wired in by the farside source work)."""

ASSETS: list = []
