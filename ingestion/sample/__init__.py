"""Bundled sample: wire-format payloads per source (``<source>/...``) with a MANIFEST.json each
saying which files are real, derived or synthetic, built by ``make sample`` (``tools/sample/``)
from the real public history in ``../shared/data/real`` (developers only; never read at run time).
"""
