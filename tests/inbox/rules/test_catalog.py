"""The rules' cause keys name only fields their events carry, and each resolution renders the same key."""

import pytest

from services.inbox.rules.catalog import RULES
from services.inbox.rules.domain import fields_of
from shared.auth import Role
from shared.contracts.inbox import TaskPriority


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_templates_name_fields_of_their_events(rule):
    assert rule.role in set(Role) and rule.priority in set(TaskPriority)
    assert fields_of(rule.cause) <= set(rule.event.model_fields)
    assert fields_of(rule.title) <= set(rule.event.model_fields)
    for resolution in rule.resolved_by:
        assert resolution.cause == rule.cause, "a resolution must render the cause the rule raised"
        assert fields_of(resolution.cause) <= set(resolution.event.model_fields), resolution.event_type
    if rule.focus:
        assert rule.focus[2] in rule.event.model_fields
    if rule.due_field:
        assert rule.due_field in rule.event.model_fields


def test_rule_names_are_unique():
    assert len({rule.name for rule in RULES}) == len(RULES)
