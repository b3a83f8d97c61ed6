"""Gateway: sign-in, tokens and the one entry point for front ends."""
