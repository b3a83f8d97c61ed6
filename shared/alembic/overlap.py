"""No two rows of one holder over overlapping [start, end): the rule in each backend's terms.

PostgreSQL: an exclusion constraint (btree_gist). SQLite has none, so triggers enforce the same
rule inside the database; UTC times are stored as sortable text, so text order is time order.
Migrations call these, so what they emit must never change: add a new function instead.
"""

from alembic import op


def add_no_overlap(table: str, name: str, *, holder: str, where: str, extra_watched: str = "") -> None:
    """Refuse a row whose [start, end) overlaps another of the same `holder` when both match `where`.

    `where` is a condition on the row's own columns, e.g. "status = 'scheduled'".
    """
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {name} EXCLUDE USING gist "
            f"({holder} WITH =, tstzrange(start, \"end\", '[)') WITH &&) WHERE ({where})"
        )
        return
    for event, when in (("insert", "INSERT"), ("update", f'UPDATE OF start, "end", status, {holder}')):
        op.execute(f"""
            CREATE TRIGGER {name}_{event} BEFORE {when} ON {table}
            WHEN NEW.{holder} IS NOT NULL AND NEW.{where}
            BEGIN
                SELECT RAISE(ABORT, '{name}') WHERE EXISTS (
                    SELECT 1 FROM {table} other
                    WHERE other.{holder} = NEW.{holder} AND other.id != NEW.id AND other.{where}
                      AND other.start < NEW."end" AND NEW.start < other."end");
            END""")


def drop_no_overlap(table: str, name: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        return
    for event in ("insert", "update"):
        op.execute(f"DROP TRIGGER {name}_{event}")
