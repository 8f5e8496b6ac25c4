"""Learning records: the stored-record schema, the record code, and the trainer's roster."""
