"""Rosters: shifts and weekly templates, time off, staffing rules and coverage, in local time."""
