"""Benchmarks run against the real local broker and real service processes (`make bench`)."""
