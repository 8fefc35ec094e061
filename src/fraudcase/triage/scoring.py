"""The default Appendix B screening-matrix scoring: documented data, copied into the database.

App. B lists the headings and options but no points. These are fraudcase's defaults (see
docs/rules.md); an administrator changes them by adding a new scoring version in /admin/, and
every screening records the version it used.
"""

DEFAULT_VERSION = "leics-default-1"

DEFAULT_SCORING = {
    "headings": {
        "victim": {
            "label": "Victim assessment",
            "options": {
                "vulnerable": ["Vulnerable victim", 10],
                "public": ["Member of the public", 6],
                "small_organisation": [
                    "Charities, voluntary organisations, small companies at risk owing to loss",
                    6,
                ],
                "public_body": ["Governments, local, central or foreign and public bodies", 4],
                "large_organisation": [
                    "Banks, building societies, large companies and corporations",
                    1,
                ],
            },
        },
        "offender": {
            "label": "Offender assessment",
            "options": {
                "position_of_trust": ["Offender in a position of trust", 10],
                "other": ["Not in a position of trust", 0],
            },
        },
        "evidence": {
            "label": "Evidence assessment",
            "options": {
                "known_available": ["Identity known, evidence available and accessible", 10],
                "known_not_available": ["Identity known, evidence not available", 5],
                "unknown_available": ["Identity unknown, evidence available and accessible", 4],
                "unknown_not_available": ["Identity unknown, evidence not readily available", 0],
            },
        },
        "geography": {
            "label": "Scale 1: geographic",
            "options": {
                "international": ["Significant international enquiries", 10],
                "several_regions": ["Significant enquiries across several UK regions", 8],
                "region": ["Significant enquiries within forces in the region", 6],
                "force_wide": ["Force-wide enquiries (over 5 LPAs)", 4],
                "neighbouring_lpas": ["Enquiries within up to 3 neighbouring LPAs", 2],
                "single_lpa": ["Enquiries within a single LPA", 1],
            },
        },
        "victims": {
            "label": "Scale 2: victims or witnesses",
            "options": {
                "1000_plus": ["1000+ victims/witnesses", 10],
                "100_plus": ["100+ victims/witnesses", 8],
                "10_plus": ["10+ victims/witnesses", 5],
                "under_10": ["Under 10", 1],
            },
        },
        "connected_reports": {
            "label": "Scale 3: connected reports",
            "options": {
                "1_to_10": ["1 to 10 reports", 1],
                "10_plus": ["10 or more", 5],
            },
        },
        "value": {
            "label": "Scale 4: value",
            "options": {"high": ["High", 8], "medium": ["Medium", 4], "low": ["Low", 1]},
        },
        "modus_operandi": {
            "label": "Modus operandi",
            "options": {
                "bribery_corruption": ["Bribery and corruption offences", 10],
                "fraud_act_s2_s4": ["Sections 2, 3 and 4 of the Fraud Act", 4],
                "election": ["Election fraud", 10],
                "internet": ["Internet or eBay offences", 2],
                "cheque_card": ["Cheque or credit card offences", 2],
            },
        },
    },
    "multipliers": {
        "complex": ["Case of a particularly complex nature", 1.5],
        "politically_exposed_person": ["Politically exposed person", 2.0],
        "organisational_risk": [
            "Significant organisational risk (critical incident considered)",
            1.5,
        ],
        "media_attention": [
            "Likely to attract significant (not local) public or media attention",
            1.5,
        ],
    },
    # The tier the score alone would suggest (score at least this much); App. D decides.
    "tier_thresholds": {"1": 60, "2": 45, "3": 30},
}
