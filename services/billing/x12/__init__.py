"""ASC X12 5010 for billing: the 837P claims we send and the 835 remittances we receive."""
