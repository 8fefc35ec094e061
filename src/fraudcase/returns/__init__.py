"""The monthly NFIB outcome return and the reconciliation of every NFRC number the force was
sent (seed 001 §5.7; seed 002 ¶14, ¶64; DOMAIN.md "The monthly NFIB return")."""
