"""The file for the CPS: statements and documents, disclosure schedules (MG6C, MG6D, MG6E),
charging and court, and the case file bundle (issue 15 items 5-8)."""
