"""Revoked tokens as every service knows them: read from the gateway's revocation topic.

Each process reads the topic itself, without a consumer group, from a look-back as long
as an access token lives: a service started a minute ago knows every revocation that can
still matter, and one that lost its broker for a while catches up when it returns.
"""

import asyncio
import logging
from datetime import datetime, timedelta

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from shared.clock import utcnow
from shared.contracts.gateway import TokensRevoked
from shared.envelope import Envelope, MalformedEvent

log = logging.getLogger("clinicops.revocations")
SESSION_CLAIM, USER_ID_CLAIM, GENERATION_CLAIM = "sid", "uid", "gen"


class RevocationList:
    """Token ids, sessions and user generations refused until their tokens would expire anyway."""

    def __init__(self) -> None:
        self.tokens: dict[str, datetime] = {}
        self.sessions: dict[str, datetime] = {}
        self.users: dict[str, tuple[int, datetime]] = {}

    def add(self, revoked: TokensRevoked) -> None:
        until = revoked.honour_until
        if revoked.token_id:
            self.tokens[revoked.token_id] = max(until, self.tokens.get(revoked.token_id, until))
        if revoked.session_id:
            self.sessions[revoked.session_id] = max(until, self.sessions.get(revoked.session_id, until))
        if revoked.user_id and revoked.below_generation is not None:
            generation, kept = self.users.get(revoked.user_id, (revoked.below_generation, until))
            self.users[revoked.user_id] = (max(generation, revoked.below_generation), max(kept, until))

    def refuses(self, claims: dict) -> bool:
        """Whether these verified claims belong to a revoked token."""
        if claims.get("jti") in self.tokens or claims.get(SESSION_CLAIM) in self.sessions:
            return True
        user = self.users.get(claims.get(USER_ID_CLAIM))
        return user is not None and int(claims.get(GENERATION_CLAIM) or 0) < user[0]

    def forget_expired(self, now: datetime) -> None:
        self.tokens = {k: until for k, until in self.tokens.items() if until > now}
        self.sessions = {k: until for k, until in self.sessions.items() if until > now}
        self.users = {k: entry for k, entry in self.users.items() if entry[1] > now}


class RevocationFeed:
    """Keeps a RevocationList current from the topic; `caught_up` once the look-back is read."""

    def __init__(self, *, bootstrap: str, topic: str, look_back: timedelta):
        self.revoked = RevocationList()
        self.caught_up = asyncio.Event()
        self._bootstrap, self._topic, self._look_back = bootstrap, topic, look_back
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap, group_id=None, enable_auto_commit=False, fetch_max_wait_ms=100
        )
        await consumer.start()
        try:
            partitions = [TopicPartition(self._topic, p) for p in await self._partitions()]
            consumer.assign(partitions)
            since = int((utcnow() - self._look_back).timestamp() * 1000)
            offsets = await consumer.offsets_for_times({tp: since for tp in partitions})
            ends = await consumer.end_offsets(partitions)
            for tp in partitions:
                consumer.seek(tp, offsets[tp].offset if offsets[tp] else ends[tp])
        except BaseException:
            await consumer.stop()
            raise
        self._task = asyncio.create_task(self._follow(consumer, ends), name="revocations")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _partitions(self) -> list[int]:
        admin = AIOKafkaAdminClient(bootstrap_servers=self._bootstrap)
        await admin.start()
        try:
            for _ in range(100):  # a topic created a moment ago may not have its partitions in metadata yet
                (described,) = await admin.describe_topics([self._topic])
                if described["partitions"]:
                    return sorted(p["partition"] for p in described["partitions"])
                await asyncio.sleep(0.1)
        finally:
            await admin.close()
        raise RuntimeError(f"topic {self._topic} has no partitions after 10 s")

    async def _follow(self, consumer: AIOKafkaConsumer, ends: dict) -> None:
        try:
            while True:
                batches = await consumer.getmany(timeout_ms=200)
                for records in batches.values():
                    for record in records:
                        self._apply(record)
                if not self.caught_up.is_set() and all(await self._reached(consumer, ends)):
                    self.caught_up.set()
                self.revoked.forget_expired(utcnow())
        finally:
            await consumer.stop()

    async def _reached(self, consumer: AIOKafkaConsumer, ends: dict) -> list[bool]:
        return [await consumer.position(tp) >= end for tp, end in ends.items()]

    def _apply(self, record) -> None:
        try:
            envelope = Envelope.from_kafka(dict(record.headers), record.value)
            if envelope.type == TokensRevoked.event_type:
                self.revoked.add(TokensRevoked.model_validate(envelope.data))
        except (MalformedEvent, ValueError):
            # Nothing a service could do with it; the gateway's own checks still refuse the token.
            log.exception("unreadable revocation skipped", extra={"offset": record.offset})
