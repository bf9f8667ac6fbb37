"""alternative_me raw assets (wired in by the alternative_me source work)."""

ASSETS: list = []
