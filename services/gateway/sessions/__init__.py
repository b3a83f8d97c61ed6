"""Sessions: sign-in with lockout, rotating refresh tokens, sign-out, and which bearer tokens are accepted."""
