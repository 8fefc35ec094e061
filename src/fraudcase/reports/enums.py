"""The report's enums, shared by rules and models (plain Python: no Django needed)."""

from fraudcase.core.enums import Choices


class Source(Choices):
    NFIB_DISSEMINATION = "nfib", "NFIB dissemination"
    CALL_FOR_SERVICE = "call_for_service", "Call for service"
    REFERRAL = "referral", "Referral"
    VICTIM_SUPPORT_ONLY = "victim_support_only", "Victim support only (Action Fraud)"
    ILOR_EIO = "ilor_eio", "ILOR or EIO"


class ReportStatus(Choices):
    RECORDED = "recorded", "Recorded"
    ASSESSED = "assessed", "Assessed: awaiting supervisor decision"
    AWAITING_ALLOCATION = "awaiting_allocation", "Awaiting allocation"
    WITH_EVALUATOR = "with_evaluator", "With the evaluator"
    EVALUATED = "evaluated", "Evaluated: awaiting supervisor decision"
    UNDER_INVESTIGATION = "under_investigation", "Allocated: under investigation"
    NO_FURTHER_ACTION = "no_further_action", "No further action: awaiting outcome"
    FILED_PENDING_INFORMATION = "filed_pending", "Filed pending information"
    CLOSED = "closed", "Finalised"


class VictimType(Choices):
    INDIVIDUAL = "individual", "Individual"
    BUSINESS = "business", "Business"
    CHARITY = "charity", "Charity"
    PUBLIC_BODY = "public_body", "Public body"
    OTHER_ORGANISATION = "other_organisation", "Other organisation"


class IdentifierKind(Choices):
    PHONE = "phone", "Telephone number"
    EMAIL = "email", "E-mail address"
    WEBSITE = "website", "Website"
    UK_BANK_ACCOUNT = "uk_bank_account", "UK sort code and account number"
    IBAN = "iban", "IBAN"


class EntryKind(Choices):
    RECORDED = "recorded", "Recorded"
    NOTE = "note", "Enquiry"
    CONTACT = "contact", "Victim contact"
    ATTACHMENT = "attachment", "Material"
    STATUS = "status", "Status change"
