"""Access reviews: each manager confirms or revokes their staff's role and locations."""
