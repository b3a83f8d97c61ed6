"""Upstreams: the services behind the gateway, reached through one pooled client; the proxy to each of them."""
