"""Every integer a client sends (query, path or request body) has a bound in the OpenAPI: none overflows a column."""

import importlib

import pytest

SERVICES = ["scheduling", "staff", "billing", "compliance", "facilities", "inbox", "gateway"]


def _unbounded(schema: dict) -> bool:
    options = [schema, *schema.get("anyOf", [])]
    return any(o.get("type") == "integer" and "maximum" not in o and "exclusiveMaximum" not in o for o in options)


def _request_schemas(spec: dict) -> set[str]:
    """Names of the component schemas reachable from request bodies (not the responses)."""
    components, found, todo = spec.get("components", {}).get("schemas", {}), set(), []
    for operations in spec["paths"].values():
        for operation in operations.values():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                todo.append(content.get("schema", {}))
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref and (name := ref.rsplit("/", 1)[-1]) not in found:
                found.add(name)
                todo.append(components.get(name, {}))
            todo.extend(v for k, v in node.items() if k != "$ref")
        elif isinstance(node, list):
            todo.extend(node)
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_every_integer_input_has_a_maximum(service):
    spec = importlib.import_module(f"services.{service}.app").create_app().openapi()
    missing = [
        f"{method.upper()} {path} {param['name']}"
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        for param in operation.get("parameters", [])
        if _unbounded(param.get("schema", {}))
    ]
    components = spec.get("components", {}).get("schemas", {})
    missing += [
        f"{name}.{field}"
        for name in _request_schemas(spec)
        for field, schema in components.get(name, {}).get("properties", {}).items()
        if _unbounded(schema)
    ]
    assert missing == []
