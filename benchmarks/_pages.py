"""The pages and API lists the load test drives (benchmarks/run_loadtest.py), in report order.

Each: who asks for it (a key of the load test's users; None: not signed in), "web" (a session
from the sign-in form) or "api" (a bearer token), and its address, whose {fields} are filled
from values picked from the database at the start (run_loadtest.pick_samples).
"""

from typing import NamedTuple


class Page(NamedTuple):
    label: str
    role: str | None
    kind: str  # "web" or "api"
    path: str


PAGES = {
    p.label.split(" ")[0]: p
    for p in [
        Page("sign_in (the baseline: the sign-in page)", None, "web", "/accounts/login/"),
        Page("nfrc_web (search by NFRC)", "assessor", "web", "/reports/?q={nfrc}"),
        Page("nfrc_api", "assessor", "api", "/api/v1/reports?q={nfrc}"),
        Page("report (report page)", "assessor", "web", "/reports/{ref}/"),
        Page("report_api", "assessor", "api", "/api/v1/reports/{ref}"),
        Page("postcode_web (search by postcode)", "assessor", "web", "/reports/?q={postcode}"),
        Page("postcode_api", "assessor", "api", "/api/v1/reports?q={postcode}"),
        Page("phone_web (search by suspect phone)", "assessor", "web", "/reports/?q={phone}"),
        Page("phone_api", "assessor", "api", "/api/v1/reports?q={phone}"),
        Page("queue (assessment queue)", "assessor", "web", "/triage/queue/"),
        Page("board_web (allocation board)", "supervisor", "web", "/cases/allocation/"),
        Page("board_api", "supervisor", "api", "/api/v1/allocation-board"),
        Page("surname_web (search by surname)", "assessor", "web", "/reports/?q={surname}"),
        Page("surname_api", "assessor", "api", "/api/v1/reports?q={surname}"),
        Page("home (home page, supervisor)", "supervisor", "web", "/"),
        Page("deadlines_web (Deadlines, team)", "supervisor", "web", "/deadlines/?scope=team"),
        Page("deadlines_api", "supervisor", "api", "/api/v1/deadlines?scope=team"),
        Page("my_tasks (My tasks)", "investigator", "web", "/tasks/mine/"),
        Page("my_cases (My cases)", "investigator", "web", "/cases/mine/"),
        Page("workbench (FVO workbench)", "fvo", "web", "/vulnerability/"),
        Page("victim_list (a victim list)", "fvo", "web", "/vulnerability/lists/{list_id}/"),
        Page("victim_lists_api", "fvo", "api", "/api/v1/victim-lists"),
        Page("victim_entries_api", "fvo", "api", "/api/v1/victim-lists/{list_id}/entries"),
        Page("vulnerability_tasks_api", "fvo", "api", "/api/v1/vulnerability-tasks"),
        Page("double_key_api", "assessor", "api", "/api/v1/calls-for-service/double-key"),
    ]
}
