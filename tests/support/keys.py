"""The test run's own gateway key: tests sign tokens with it, services verify with its JWKS file.

Made once per pytest process in a private temporary directory, never in the code's defaults;
spawned services and gateways inherit the environment set here (see tests/conftest.py).
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

from shared.keys import KeyRing

KEY_DIR = Path(tempfile.mkdtemp(prefix="clinicops-test-keys-"))
RING = KeyRing.open(KEY_DIR, token_lifetime=timedelta(minutes=15))
JWKS_FILE = RING.write_jwks(KEY_DIR / "jwks.json")


def use_test_keys() -> None:
    """Point every service and gateway started from this process at the test key."""
    os.environ["CLINICOPS_JWKS_URL"] = str(JWKS_FILE)
    os.environ["GATEWAY_SIGNING_KEY_DIR"] = str(KEY_DIR)
