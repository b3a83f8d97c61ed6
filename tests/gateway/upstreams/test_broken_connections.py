"""The proxy's client against a real socket server that closes its keep-alive connections under it."""

import pytest

from services.gateway.settings import Settings
from services.gateway.upstreams.client import Upstreams
from services.gateway.upstreams.domain import ServiceUnavailable
from tests.gateway.upstreams.closing_upstream import ClosingUpstream


@pytest.mark.parametrize("way", ["drop", "reset"])
@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"])
async def test_an_idempotent_request_on_a_connection_the_service_closed_is_sent_again_on_a_new_one(way, method):
    async with ClosingUpstream(ways=(way,)).running() as service:
        upstreams = Upstreams(Settings(billing_url=service.url))
        try:
            for n in range(6):
                body = b'{"n": %d}' % n if method == "PUT" else None
                response = await upstreams.send("billing", method, f"/payers/{n}", content=body)
                assert response.status_code == 200, (n, response.text)
        finally:
            await upstreams.aclose()
    assert service.answered == [f"{method} /payers/{n}" for n in range(6)]


async def test_a_streamed_answer_is_retried_the_same_way_whichever_way_connections_break():
    async with ClosingUpstream().running() as service:
        upstreams = Upstreams(Settings(billing_url=service.url))
        try:
            for n in range(12):
                response = await upstreams.send("billing", "GET", f"/claims/{n}", stream=True)
                assert (response.status_code, (await response.aread())) == (200, b'{"served": "GET /claims/%d"}' % n)
                await response.aclose()
        finally:
            await upstreams.aclose()


async def test_a_post_on_a_broken_connection_is_not_sent_twice():
    async with ClosingUpstream(ways=("drop",)).running() as service:
        upstreams = Upstreams(Settings(billing_url=service.url))
        try:
            assert (await upstreams.send("billing", "POST", "/payments", content=b"{}")).status_code == 200
            with pytest.raises(ServiceUnavailable) as refused:
                await upstreams.send("billing", "POST", "/payments", content=b"{}")
        finally:
            await upstreams.aclose()
    assert service.answered == ["POST /payments"] and service.dropped == ["POST /payments"]
    assert refused.value.to_dict()["service"] == "billing" and "billing failed" in str(refused.value)


async def test_a_service_that_does_not_listen_is_named_after_one_more_try():
    upstreams = Upstreams(Settings(billing_url="http://127.0.0.1:1"))
    try:
        with pytest.raises(ServiceUnavailable, match="billing is not answering"):
            await upstreams.send("billing", "GET", "/payers")
    finally:
        await upstreams.aclose()
