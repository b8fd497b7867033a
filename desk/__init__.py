"""The desk core: pure Python, never imports Qt.

Everything a desk officer's actions mean (validation, the dossier lifecycle, the calendar, codes, the
single write path) lives here so that the CLI, the tests and the Qt window share one implementation.
"""

__version__ = "0.1.0"
