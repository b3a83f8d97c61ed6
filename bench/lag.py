"""Consumer-group lag: end offsets minus the group's committed offsets, summed over partitions."""

import asyncio
import time

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient


class LagProbe:
    """Reads one group's lag on one topic; `async with LagProbe(...) as probe: await probe.lag()`."""

    def __init__(self, bootstrap: str, *, group: str, topic: str):
        self.group, self.topic = group, topic
        self._admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        # No group: this consumer only asks for end offsets, it never joins or commits.
        self._offsets = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        self._partitions: list[TopicPartition] = []

    async def __aenter__(self) -> "LagProbe":
        await self._admin.start()
        await self._offsets.start()
        self._partitions = await partitions_of(self._admin, self.topic)
        return self

    async def __aexit__(self, *exc) -> None:
        await self._offsets.stop()
        await self._admin.close()

    async def lag(self) -> int:
        """Messages on the topic the group has not committed yet."""
        # Committed first: end offsets only grow, so the difference is never negative.
        committed = await self._admin.list_consumer_group_offsets(self.group, partitions=self._partitions)
        ends = await self._offsets.end_offsets(self._partitions)
        done = {tp: meta.offset for tp, meta in committed.items() if meta.offset >= 0}
        return sum(end - done.get(tp, 0) for tp, end in ends.items())

    async def wait_caught_up(self, timeout: float) -> int:
        """Poll until the lag is 0 (or timeout); returns the last lag seen."""
        deadline = time.monotonic() + timeout
        while (lag := await self.lag()) and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        return lag

    async def sample(self, every: float, series: list[tuple[float, int]], started: float) -> None:
        """Append (seconds since `started`, lag) every `every` seconds until cancelled."""
        while True:
            series.append((round(time.time() - started, 1), await self.lag()))
            await asyncio.sleep(every - (time.time() - started) % every)


async def partitions_of(admin: AIOKafkaAdminClient, topic: str) -> list[TopicPartition]:
    """The partitions of an existing topic."""
    [described] = await admin.describe_topics([topic])
    return sorted(TopicPartition(topic, p["partition"]) for p in described["partitions"])
