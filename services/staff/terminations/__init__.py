"""Terminations: a member's employment ends; their shifts from that day on go."""
