"""The investigation file on a case: the decision log, the investigation plan under the Fraud
Investigation Model, and exhibits with their continuity (issue 15)."""
