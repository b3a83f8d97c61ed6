"""Issue 12: a GET through the gateway after the service closed its pooled connection is answered, not a 503."""

import httpx
import pytest

from tests.gateway.upstreams.closing_upstream import ClosingUpstream
from tests.support.suite import token

pytestmark = pytest.mark.integration
OTHERS_DOWN = {
    f"GATEWAY_{name}_URL": "http://127.0.0.1:1" for name in ("SCHEDULING", "STAFF", "COMPLIANCE", "FACILITIES")
}


async def test_sequential_gets_through_the_proxy_all_succeed_while_the_service_closes_its_connections(make_suite):
    suite = make_suite()
    async with ClosingUpstream().running() as billing:
        await suite.start("gateway", env=OTHERS_DOWN | {"GATEWAY_BILLING_URL": billing.url})
        bearer = token(roles=["biller"], locations=["*"], sub="retry-biller")
        async with httpx.AsyncClient(
            base_url=suite.procs["gateway"].url, timeout=20, headers={"Authorization": f"Bearer {bearer}"}
        ) as gw:
            answers = [await gw.get(f"/api/v1/billing/claims/{n}", params={"try": n}) for n in range(40)]
            assert [(a.status_code, a.json()) for a in answers] == [
                (200, {"served": f"GET /claims/{n}?try={n}"}) for n in range(40)
            ]
            assert billing.dropped, "the upstream never broke a connection: the test proved nothing"

            # A POST is not sent twice: on a connection the service dropped unanswered, it is a 503 naming billing.
            billing.ways = ("drop",)
            await gw.get("/api/v1/billing/payers")  # leaves a pooled connection that drops its next request
            posted = [await gw.post("/api/v1/billing/payers", json={"name": f"P{n}"}) for n in range(4)]
    assert any(p.status_code == 503 and p.json()["service"] == "billing" for p in posted), [p.text for p in posted]
    assert len(billing.answered) == 40 + 1 + sum(p.status_code == 200 for p in posted)
