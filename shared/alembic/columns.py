"""Column changes that keep SQLite's triggers: plain ALTER TABLE, never a batch "move and copy"."""

import sqlalchemy as sa
from alembic import op


def add_reference(table: str, column: str, target: str, *, length: int = 36) -> None:
    """Add a nullable VARCHAR column referencing `target`.id, named by the house convention."""
    name = f"fk_{table}_{column}_{target}"
    if op.get_bind().dialect.name == "sqlite":
        # Alembic's add_column refuses a constraint on SQLite, and batch mode would recreate
        # the table and lose its triggers; SQLite's own ADD COLUMN takes a REFERENCES clause.
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR({length}) CONSTRAINT {name} REFERENCES {target} (id)"
        )
    else:
        op.add_column(
            table, sa.Column(column, sa.String(length=length), sa.ForeignKey(f"{target}.id", name=name), nullable=True)
        )
