"""Claims: opened per encounter, scrubbed, moved through their states; coordination of benefits; control numbers."""
