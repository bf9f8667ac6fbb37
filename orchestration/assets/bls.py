"""bls raw assets (wired in by the bls source work)."""

ASSETS: list = []
