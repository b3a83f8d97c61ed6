"""Due rules: how long a task of a category and priority may take, counted in the location's business hours."""
