"""The live stream: the events a signed-in user may see, as Server-Sent Events, from the gateway's own consumer."""
