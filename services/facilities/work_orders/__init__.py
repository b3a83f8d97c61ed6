"""Work orders: problems reported and repaired; a device's reliability drawn from them."""
