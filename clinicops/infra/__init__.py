"""Local infrastructure for development and tests: a Kafka broker and a PostgreSQL cluster."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_VAR_DIR = REPO_ROOT / "var"  # gitignored; every function still takes var_dir explicitly
SERVICE_DATABASES = ["scheduling", "staff", "billing", "compliance", "facilities", "inbox", "gateway"]
