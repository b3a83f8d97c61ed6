"""Autogenerate the next Alembic revision of one service from its models.

    .venv/bin/python scripts/new_migration.py staff "shifts and time off"

Upgrades a scratch SQLite database to head, then compares it with the models. On SQLite
prefer op.add_column / shared.alembic.columns.add_reference over batch_alter_table for
tables that carry triggers (batch mode recreates the table and drops them).
"""

import sys
import tempfile
from pathlib import Path

from alembic import command

from shared.migrations import alembic_config


def main(service: str, message: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite+aiosqlite:///{Path(scratch) / 'head.db'}"
        cfg = alembic_config(Path("services") / service / "migrations", url)
        command.upgrade(cfg, "head")
        command.revision(cfg, message=message, autogenerate=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
