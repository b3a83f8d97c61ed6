"""The proxy's client: one retry on a refused connection for idempotent methods only; ids passed on."""

import httpx
import pytest

from services.gateway.settings import Settings
from services.gateway.upstreams.client import Upstreams
from services.gateway.upstreams.domain import ServiceUnavailable
from shared.logs import correlation_id


class FlakyService:
    """Refuses the first connection, then answers; records what reached it."""

    def __init__(self):
        self.attempts = 0
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        if self.attempts == 1:
            raise httpx.ConnectError("connection refused", request=request)
        self.seen.append(request)
        return httpx.Response(200, json={"ok": True})


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_idempotent_requests_are_tried_once_more_after_a_refused_connection(method):
    service = FlakyService()
    upstreams = Upstreams(Settings(), transport=httpx.MockTransport(service))
    token = correlation_id.set("corr-1")
    try:
        response = await upstreams.send(
            "billing",
            method,
            "/payers",
            headers={
                "Authorization": "Bearer t",
                "Connection": "keep-alive",
                "Host": "gateway",
                "X-Request-ID": "req-1",
            },
        )
    finally:
        correlation_id.reset(token)
    assert response.status_code == 200 and service.attempts == 2
    sent = service.seen[0]
    assert str(sent.url) == "http://127.0.0.1:8003/payers"
    assert (sent.headers["authorization"], sent.headers["x-request-id"], sent.headers["x-correlation-id"]) == (
        "Bearer t",
        "req-1",
        "corr-1",
    )
    assert sent.headers["host"] == "127.0.0.1:8003"  # the caller's Host is not passed on


async def test_a_post_is_not_retried_and_a_dead_service_is_named():
    service = FlakyService()
    upstreams = Upstreams(Settings(), transport=httpx.MockTransport(service))
    with pytest.raises(ServiceUnavailable) as refused:
        await upstreams.send("billing", "POST", "/payers", content=b"{}")
    assert service.attempts == 1
    assert refused.value.to_dict()["service"] == "billing" and refused.value.status == 503
