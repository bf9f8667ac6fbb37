"""One builder per source: ``build(real_dir, out_dir) -> list[ManifestEntry]``."""
