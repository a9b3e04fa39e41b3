"""Root test configuration: every test runs headless."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Shared fixtures (a running sandbox server) for unit, integration and GUI tests.
pytest_plugins = ["tests.sandbox_fixtures"]
