"""The desk's schema as ordered, named migrations. Migrations are never deleted or edited once shipped."""

from db.migrations import MIGRATIONS, known_names

__all__ = ["MIGRATIONS", "known_names"]
