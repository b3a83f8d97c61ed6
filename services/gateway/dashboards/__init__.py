"""Dashboards: the office manager's day at one location, gathered from every service at once."""
