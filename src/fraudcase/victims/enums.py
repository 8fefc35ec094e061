"""Where each victim on a list stands, for the workbench's tags and filters (issue 11)."""

from fraudcase.core.enums import Choices


class VictimState(Choices):
    """A victim's state, derived from the vulnerability log (services.with_state, in SQL):

    not yet actioned: nothing decided; decided: how to contact is decided, nobody assigned yet;
    task sent: an officer holds the open task; contacted: a result is in and a follow-up is
    still open; closed: every task has its result.
    """

    NOT_ACTIONED = "not_actioned", "Not yet actioned"
    DECIDED = "decided", "Decided"
    TASK_SENT = "task_sent", "Task sent"
    CONTACTED = "contacted", "Contacted"
    CLOSED = "closed", "Closed"


# The GOV.UK tag colour for each state.
STATE_TAGS = {
    VictimState.NOT_ACTIONED: "govuk-tag--red",
    VictimState.DECIDED: "govuk-tag--yellow",
    VictimState.TASK_SENT: "govuk-tag--blue",
    VictimState.CONTACTED: "govuk-tag--turquoise",
    VictimState.CLOSED: "govuk-tag--green",
}
