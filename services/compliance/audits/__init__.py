"""The PHI access trail: the hash chain, its queries and the alerts its access patterns raise."""
