"""The office console: the built web app (web/dist) served at /, client routes falling back to index.html."""
