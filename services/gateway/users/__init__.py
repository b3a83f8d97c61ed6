"""Users: who signs in, with which roles and locations; the first admin from the command line, then admins."""
