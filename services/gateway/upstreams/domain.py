"""Refusals only a gateway gives: an upstream that is down or slow, a client over its rate."""

from fastapi.responses import JSONResponse

from shared.errors import DomainError


class ServiceUnavailable(DomainError):
    status = 503


class GatewayTimeout(DomainError):
    status = 504


class TooManyRequests(DomainError):
    """Answered with a Retry-After header (see app.py)."""

    status = 429


def too_many_requests_response(exc: TooManyRequests) -> JSONResponse:
    return JSONResponse(exc.to_dict(), status_code=exc.status,
                        headers={"Retry-After": str(exc.details["retry_after_s"])})
