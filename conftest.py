"""pytest configuration shared by the unit tests and nbval (see tests/nbval_plugin.py)."""

pytest_plugins = ["tests.nbval_plugin"]
