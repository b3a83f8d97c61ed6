"""The daily check: credentials expiring or expired and training overdue, each announced once."""
