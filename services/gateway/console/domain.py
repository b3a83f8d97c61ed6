"""Which file answers a path of the console, and how long a browser may keep it."""

from pathlib import PurePosixPath

INDEX = "index.html"
# Paths that are never the console's: an unknown API route is the API's 404, not the app's page.
NOT_CONSOLE = ("api/", "auth/", ".well-known/", "health/", "docs", "redoc", "openapi.json")
# Vite writes every bundled file under assets/ with a content hash in its name: a new build is a new name.
HASHED_DIR = "assets/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def is_console_path(path: str) -> bool:
    """False for the API's own prefixes, which answer their own 404s."""
    return not any(path == p.rstrip("/") or path.startswith(p) for p in NOT_CONSOLE)


def is_file_like(path: str) -> bool:
    """A path with an extension asks for a file: a missing one is a 404, never the app's page."""
    return "." in PurePosixPath(path).name


def cache_control(path: str) -> str:
    """Hashed assets are kept for a year; index.html and unhashed files are revalidated on every load."""
    return IMMUTABLE if path.startswith(HASHED_DIR) and path != HASHED_DIR else REVALIDATE


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header takes gzip (`gzip;q=0` refuses it)."""
    for part in accept_encoding.lower().split(","):
        coding, *params = (piece.strip() for piece in part.split(";"))
        if coding in ("gzip", "*"):
            quality = next((p.removeprefix("q=") for p in params if p.startswith("q=")), "1")
            try:
                return float(quality) > 0
            except ValueError:
                return False
    return False
