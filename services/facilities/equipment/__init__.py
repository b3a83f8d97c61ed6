"""The equipment registry: devices, where they stand, how critical they are."""
