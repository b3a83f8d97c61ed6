"""Migration pieces every service's history shares; each module is frozen once released."""
