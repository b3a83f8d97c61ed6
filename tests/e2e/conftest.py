import pytest

from tests.support.suite import token

pytestmark = pytest.mark.integration

ADMIN_A = token(roles=["practice_admin"], locations=["loc-a"])
