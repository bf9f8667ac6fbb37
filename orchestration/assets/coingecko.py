"""coingecko raw assets (wired in by the coingecko source work)."""

ASSETS: list = []
