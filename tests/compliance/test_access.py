"""Compliance's routes serve officers (and admins); the people concerned act only on their own part:
any staff member attests for themselves, an office manager decides their staff's review items."""

import httpx

from services.compliance.app import create_app
from services.compliance.settings import Settings
from tests.support.routes import routes
from tests.support.suite import token

SELF_ATTEST = ("POST", "/policy-versions/x/attest")
REVIEW_DECISIONS = {("POST", "/access-reviews/x/items/x/confirm"), ("POST", "/access-reviews/x/items/x/revoke")}


async def test_other_roles_are_refused_everywhere_but_their_own_part_and_every_read_stays_with_officers():
    app = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:"))
    found = set(routes(app))
    assert SELF_ATTEST in found and REVIEW_DECISIONS <= found
    assert all(method != "GET" for method, _ in {SELF_ATTEST} | REVIEW_DECISIONS)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        for role, allowed in (
            ("biller", {SELF_ATTEST}),
            ("clinician", {SELF_ATTEST}),
            ("office_manager", {SELF_ATTEST} | REVIEW_DECISIONS),
        ):
            headers = {"Authorization": f"Bearer {token(roles=[role], locations=['*'])}"}
            for method, path in sorted(found - allowed):
                answer = await client.request(method, path, json={}, headers=headers)
                assert answer.status_code == 403, (role, method, path, answer.text)
        # Past the role check, into validation: the manager's revocation needs a reason.
        manager = {"Authorization": f"Bearer {token(roles=['office_manager'], locations=['*'])}"}
        answer = await client.post("/access-reviews/x/items/x/revoke", json={}, headers=manager)
        assert answer.status_code == 422, answer.text
