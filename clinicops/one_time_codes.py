"""TOTP codes for a client that signs in often (the demo, the tests): each one of a step the gateway has not taken."""

import time

import pyotp

STEP_S = 30
# A code of the step before now is good only until the next boundary: near it, a slow sign-in (argon2 under
# load) would arrive a step late and be refused, so that step is skipped for the last seconds of a step.
MARGIN_S = 10


class OneTimeCodes:
    """The gateway accepts each step once, one step of drift either way: three sign-ins in a step, then a wait."""

    def __init__(self) -> None:
        self._last_step: dict[str, int] = {}

    def fresh(self, secret: str) -> str:
        """A code of the earliest step after the last one used that the gateway still accepts on arrival."""
        while True:
            now = time.time()
            current = int(now) // STEP_S
            earliest = current - 1 if now - current * STEP_S < STEP_S - MARGIN_S else current
            step = max(self._last_step.get(secret, earliest - 1) + 1, earliest)
            if step <= current + 1:
                self._last_step[secret] = step
                return pyotp.TOTP(secret).at(step * STEP_S)
            time.sleep(0.5)
