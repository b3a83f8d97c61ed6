"""Training: the course catalogue, completions with evidence, what is due or overdue."""
