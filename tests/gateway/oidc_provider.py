"""A stand-in OpenID Connect provider: an RSA key, its JWKS on a local HTTP server, tokens it signs."""

import json
import threading
from contextlib import contextmanager
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.clock import utcnow

ISSUER = "https://idp.example.test/realms/clinic"
AUDIENCE = "clinicops"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
# How the gateway is told to read this provider's tokens (Keycloak-style nested roles).
SETTINGS = {
    "oidc_issuer": ISSUER,
    "oidc_audience": AUDIENCE,
    "oidc_roles_claim": "realm_access.roles",
    "oidc_role_map": {"ops-managers": "office_manager"},
}


@contextmanager
def serving_jwks():
    """The provider's key set at http://127.0.0.1:<port>/certs while the block runs."""
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key())) | {"kid": "k1", "use": "sig"}
    body = json.dumps({"keys": [jwk]}).encode()

    class Jwks(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Jwks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/certs"
    finally:
        server.shutdown()


def provider_token(key=KEY, **claims) -> str:
    now = utcnow()
    body = {
        "iss": ISSUER,
        "sub": "ext-42",
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + timedelta(hours=1),
        "jti": "ext-jti-1",
        "realm_access": {"roles": ["ops-managers", "unrelated"]},
        "locations": ["loc-a"],
    } | claims
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})
