"""The demand that is not a crime report to assess: ILOR and EIO requests, Banking Protocol
incidents, cyber-dependent disseminations and "crime in action" reports, and Action Fraud /
Report Fraud "victim support only" referrals (seed 001 §2, §5.4; seed 002 ¶11, ¶28, ¶38, ¶68;
DOMAIN.md "Where reports come from")."""
