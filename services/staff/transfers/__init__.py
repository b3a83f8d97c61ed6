"""Transfers: a member re-homed and placed at other locations; their shifts where they no longer work go."""
