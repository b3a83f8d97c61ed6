"""Driving the inbox's email side in tests: its SMTP port, sending mail to it, waiting for its tasks."""

import asyncio
import json
from email.message import EmailMessage

import aiosmtplib
import httpx

from tests.support.mail_servers import free_port

DOMAIN = "clinic.test"


def mail_env(*, smtp_port: int | None = None, relay_port: int | None = None, **more: str) -> dict[str, str]:
    """Environment for an inbox that receives for clinic.test on `smtp_port` and replies through `relay_port`."""
    env = {
        "INBOX_SMTP_PORT": str(smtp_port or free_port()),
        "INBOX_ACCEPTED_DOMAINS": json.dumps([DOMAIN]),
        "INBOX_DEFAULT_LOCATION_ID": "loc-a",
        "INBOX_REPLY_FROM": f"office@{DOMAIN}",
    }
    if relay_port:
        env["INBOX_RELAY_PORT"] = str(relay_port)
    return env | more


def email(subject: str, body: str, *, sender="pat@example.org", to=f"office@{DOMAIN}", mid: str | None = None):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    if mid:
        msg["Message-ID"] = mid
    msg.set_content(body)
    return msg


async def send(port: int, message) -> None:
    """Through real SMTP; raw bytes go from pat@example.org to the office's address."""
    if isinstance(message, bytes):
        envelope = {"sender": "pat@example.org", "recipients": [f"office@{DOMAIN}"]}
        await aiosmtplib.send(message, hostname="127.0.0.1", port=port, **envelope)
    else:
        await aiosmtplib.send(message, hostname="127.0.0.1", port=port)


async def wait_for(fetch, predicate, *, timeout: float = 30.0, what: str = "condition"):
    """Poll `fetch()` until `predicate(result)`; the last result when it holds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await fetch()
        if predicate(result):
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}; last: {result}")
        await asyncio.sleep(0.2)


async def messages(inbox: httpx.AsyncClient, **params) -> list[dict]:
    response = await inbox.get("/messages", params=params)
    assert response.status_code == 200, response.text
    return response.json()
