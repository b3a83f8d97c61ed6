"""The AsyncAPI 3.0 document of every topic, built from the event contracts in shared/contracts.

Built directly rather than with FastStream's generator: that one folds all event types of a
topic into one union message and cannot declare the CloudEvents headers each message carries.
"""

import importlib
import json
import pkgutil
import sys

import shared.contracts
from shared.contracts import EVENT_TYPES, EventPayload

REF = "#/components/schemas/{model}"


def _load_every_contract() -> dict[str, type[EventPayload]]:
    # EVENT_TYPES fills as modules are imported: import them all, whoever imported what so far.
    for module in pkgutil.iter_modules(shared.contracts.__path__):
        importlib.import_module(f"{shared.contracts.__name__}.{module.name}")
    return dict(sorted(EVENT_TYPES.items()))


def _headers(event_type: str, data_version: str) -> dict:
    def text(description: str, **extra) -> dict:
        return {"type": "string", "description": description, **extra}

    return {
        "type": "object",
        "required": ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "content-type"],
        "properties": {
            "ce_specversion": text("CloudEvents version", const="1.0"),
            "ce_id": text("unique per event: deduplicate on it (delivery is at least once)"),
            "ce_source": text("the producing service, e.g. /clinicops/scheduling"),
            "ce_type": text("the event type", const=event_type),
            "ce_time": text("when it happened (UTC)", format="date-time"),
            "ce_subject": text("the aggregate id; also the record key"),
            "content-type": text("of the record value", const="application/json"),
            "ce_correlationid": text("the request or event that started the chain"),
            "ce_causationid": text("the event this one reacts to, when it reacts to one"),
            "ce_locationid": text("the practice location concerned"),
            "ce_dataversion": text("payload version; additive changes keep it", const=data_version),
        },
    }


def build_asyncapi(*, bootstrap_servers: str, topic=lambda name: name) -> dict:
    """One channel per topic, one message per event type with its payload schema and headers."""
    schemas, messages, channels, operations = {}, {}, {}, {}
    for event_type, payload in _load_every_contract().items():
        schema = payload.model_json_schema(ref_template=REF)
        schemas.update(schema.pop("$defs", {}))
        schemas[payload.__name__] = schema
        phi = " Contains PHI: restrict who may subscribe." if payload.contains_phi else ""
        messages[event_type] = {
            "name": event_type,
            "title": payload.__name__,
            "contentType": "application/json",
            "summary": ((payload.__doc__ or "").strip().splitlines() or [event_type])[0] + phi,
            "headers": _headers(event_type, payload.data_version),
            "payload": {"$ref": REF.format(model=payload.__name__)},
            "bindings": {"kafka": {"key": {"type": "string", "description": "the aggregate id"}}},
            "x-contains-phi": payload.contains_phi,
        }
        name = payload.topic()
        channel = channels.setdefault(name, {"address": topic(name), "messages": {}})
        channel["messages"][event_type] = {"$ref": f"#/components/messages/{event_type}"}
    for name, channel in channels.items():
        operations[f"publish {name}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{name}"},
            "messages": [{"$ref": f"#/channels/{name}/messages/{m}"} for m in channel["messages"]],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "clinicops events",
            "version": "1.0",
            "description": "CloudEvents 1.0 in Kafka binary mode: the value is the JSON payload, the "
            "attributes are ce_* headers. Read from the earliest offset with your own group.",
        },
        "defaultContentType": "application/json",
        "servers": {"kafka": {"host": bootstrap_servers.split(",")[0], "protocol": "kafka"}},
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas},
    }


def main() -> None:
    """`python -m shared.asyncapi > deploy/asyncapi/asyncapi.json` (what `make asyncapi` runs)."""
    servers = sys.argv[1] if len(sys.argv) > 1 else "localhost:9092"
    json.dump(build_asyncapi(bootstrap_servers=servers), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
