from pathlib import Path

from services.inbox.app import create_app
from services.inbox.settings import Settings
from shared.serve import serve

if __name__ == "__main__":
    serve(create_app, Settings(), Path(__file__).parent / "migrations")
