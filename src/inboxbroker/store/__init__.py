"""The store: SQLAlchemy schema, sessions, migrations. The only importer of SQLAlchemy."""
