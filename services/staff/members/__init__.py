"""Staff members: hiring, their record and where they may work; the audited reads of their personal data."""
