"""Who may do what: roles, handling markings, team kinds and experience, as enums that rules
and models share (plain Python: no Django needed to read them)."""

from fraudcase.core.enums import Choices


class Role(Choices):
    """The people who use fraudcase (DOMAIN.md "Who uses it")."""

    ASSESSOR = "assessor", "Assessor"
    VFT_SUPERVISOR = "vft_supervisor", "VFT supervisor"
    EVALUATOR = "evaluator", "Evaluator"
    INVESTIGATOR = "investigator", "Investigator"
    FVO = "fvo", "Fraud vulnerability officer"
    SAFEGUARDING = "safeguarding", "Safeguarding officer"
    # Specials and volunteers with an account: given visit tasks, record their results
    # (DOMAIN.md "Who uses it"; seed 001 App. C "Personal visit by Special Constable/
    # Vulnerability Volunteer").
    SPECIAL = "special", "Special constable"
    VOLUNTEER = "volunteer", "Vulnerability volunteer"
    FINANCIAL_INTELLIGENCE = "financial_intelligence", "Financial intelligence officer"
    ANALYST = "analyst", "Analyst"
    # Reads the performance dashboard and the monthly pack (seed 001 §9; issue 12). Sees the
    # whole unit only by being cleared and a member of every team: no bypass of need-to-know.
    ECU_MANAGER = "ecu_manager", "ECU manager"
    ADMINISTRATOR = "administrator", "Administrator"


class HandlingMarking(Choices):
    """Government Security Classifications handling markings, lowest first."""

    OFFICIAL = "OFFICIAL", "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"


class TeamKind(Choices):
    VFT = "vft", "Volume Fraud Team"
    ECU = "ecu", "Economic Crime Unit"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood team"
    PROTECT = "protect", "Protect"
    # Cyber-dependent crime and crimes in action (seed 002 ¶11 iv, ¶38).
    CYBER = "cyber", "Cyber crime unit"


class Experience(Choices):
    """Investigator experience, for balancing allocation (§5.4)."""

    TRAINEE = "trainee", "Trainee investigator"
    PIP1 = "pip1", "PIP level 1"
    PIP2 = "pip2", "PIP level 2 (serious and complex)"
