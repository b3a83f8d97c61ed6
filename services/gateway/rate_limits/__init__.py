"""Rate limits: token buckets per client IP (every /api/ request) and per user (every authenticated one)."""
