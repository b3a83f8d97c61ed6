"""A service learns revocations from the real broker: history on start, new ones within a second."""

import asyncio
import time
import uuid
from datetime import timedelta

import pytest

from shared.clock import utcnow
from shared.contracts.gateway import RevocationReason, TokensRevoked
from shared.envelope import Envelope
from shared.kafka import ensure_topics
from shared.revocations import RevocationFeed
from tests.support.kafka_tools import produce

pytestmark = pytest.mark.integration


async def _publish(bootstrap: str, topic: str, revoked: TokensRevoked) -> None:
    envelope = Envelope(
        type=revoked.event_type,
        source="/clinicops/gateway",
        subject=revoked.token_id or "s",
        data=revoked.model_dump(mode="json"),
    )
    await produce(bootstrap, topic, envelope.kafka_value(), key=b"k", headers=envelope.kafka_headers())


async def test_history_is_read_on_start_and_a_new_revocation_arrives_within_a_second(kafka_bootstrap):
    topic = f"t{uuid.uuid4().hex[:8]}.gateway.token"
    await ensure_topics(kafka_bootstrap, [topic], partitions=3, replication=1)
    until = utcnow() + timedelta(minutes=15)
    await _publish(
        kafka_bootstrap, topic, TokensRevoked(reason=RevocationReason.SIGN_OUT, token_id="old", honour_until=until)
    )
    feed = RevocationFeed(bootstrap=kafka_bootstrap, topic=topic, look_back=timedelta(hours=1))
    await feed.start()
    try:
        await asyncio.wait_for(feed.caught_up.wait(), timeout=10)
        assert feed.revoked.refuses({"jti": "old"})
        published = time.monotonic()
        await _publish(
            kafka_bootstrap,
            topic,
            TokensRevoked(reason=RevocationReason.REFRESH_REUSE, session_id="copied", honour_until=until),
        )
        while not feed.revoked.refuses({"jti": "new", "sid": "copied"}):
            assert time.monotonic() - published < 1.0, "revocation not learnt within one second"
            await asyncio.sleep(0.02)
    finally:
        await feed.stop()
