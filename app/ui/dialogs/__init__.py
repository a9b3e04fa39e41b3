"""Dialogs that add, edit, remove, confirm and show participants.

Each modal dialog offers a ``@classmethod ask(...)`` so callers stay one line long and tests
can monkeypatch the question away. Submodules are imported explicitly by their users; this
package deliberately imports nothing, so ``app.ui.event_picker`` can use the formatting
helpers without an import cycle.
"""
