from pathlib import Path

from services.gateway.app import create_app
from services.gateway.settings import Settings
from shared.serve import serve

if __name__ == "__main__":
    serve(create_app, Settings(), Path(__file__).parent / "migrations")
