"""The unit's measures: the performance dashboard and the monthly pack for the ECU manager,
the analyst and the performance meeting (seed 001 §9; seed 002 ¶12-¶40; DOMAIN.md
"Performance")."""
