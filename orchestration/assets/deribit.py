"""deribit raw assets (wired in by the deribit source work)."""

ASSETS: list = []
