"""Refusals only a gateway gives: an upstream that is down or slow."""

from shared.errors import DomainError


class ServiceUnavailable(DomainError):
    status = 503


class GatewayTimeout(DomainError):
    status = 504
