"""The PySide6 desk window. Imports `desk`; `desk` never imports this package."""
