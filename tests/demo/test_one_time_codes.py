"""The codes the demo and the tests sign in with are ones the gateway's own check accepts when they arrive."""

from datetime import UTC, datetime

import pytest

from clinicops import one_time_codes
from clinicops.one_time_codes import OneTimeCodes
from services.gateway.users.second_factor import accepted_step

SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # RFC 6238 appendix B
STEP_START = 1_800_000_000 - 1_800_000_000 % 30  # any step boundary


class Clock:
    def __init__(self, at: float):
        self.now = at

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(STEP_START + 5)
    monkeypatch.setattr(one_time_codes.time, "time", clock.time)
    monkeypatch.setattr(one_time_codes.time, "sleep", clock.sleep)
    return clock


def gateway_takes(code: str, at: float, last_step: int | None) -> int | None:
    return accepted_step(SECRET, code, now=datetime.fromtimestamp(at, UTC), last_step=last_step)


def test_three_sign_ins_in_one_step_each_take_a_step_the_gateway_had_not_accepted(clock):
    codes, last = OneTimeCodes(), None
    for _ in range(3):
        last = gateway_takes(codes.fresh(SECRET), clock.now, last)
        assert last is not None
    assert last == STEP_START // 30 + 1


def test_a_fourth_sign_in_waits_for_the_clock_and_is_accepted(clock):
    codes, last = OneTimeCodes(), None
    for _ in range(3):
        last = gateway_takes(codes.fresh(SECRET), clock.now, last)
    fourth = codes.fresh(SECRET)
    assert clock.now >= STEP_START + 30
    assert gateway_takes(fourth, clock.now, last) == last + 1


def test_near_a_step_boundary_a_code_still_holds_after_a_slow_sign_in(clock):
    clock.now = STEP_START + 25  # 5 s before the boundary
    code = OneTimeCodes().fresh(SECRET)
    assert gateway_takes(code, clock.now + 9, None) is not None  # argon2 under load took 9 s: the next step
