"""The waitlist: freed time held for the best-ranked waiting patient, who may accept it."""
