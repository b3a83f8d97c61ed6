"""Tasks: work for a role at a location, shaped like FHIR R4 Task, from raise to done."""
