"""Developer tooling kept out of the runtime packages: nothing under ``tools/`` is installed,
imported at run time or needed by the tests."""
