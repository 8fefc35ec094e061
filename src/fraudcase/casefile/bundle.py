"""The case file for the CPS (issue 15 item 8): one PDF, generated from what is recorded, of
the case summary, the disclosure schedules (every item, withdrawn ones marked) and the
disclosure officer's report, the exhibit list with each exhibit's continuity, the statements
index, and the charging and court record."""

from django.conf import settings
from django.utils import timezone
from fpdf import FPDF

from fraudcase.investigation import exhibits as investigation_exhibits
from fraudcase.reports import services as report_services

from . import rules, services
from .services import File

# The PDF core fonts speak Latin-1: typographic punctuation is replaced, anything else dropped.
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})  # noqa: RUF001


def _t(text: object) -> str:
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _day(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _when(value) -> str:
    return f"{timezone.localtime(value):%d/%m/%Y %H:%M}" if value else ""


class _Pdf(FPDF):
    reference = ""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(
            0, 10, _t(f"{self.reference} - OFFICIAL-SENSITIVE - page {self.page_no()}"), align="C"
        )


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 8, _t(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)


def _line(pdf: FPDF, text: str, *, bold: bool = False) -> None:
    pdf.set_font("Helvetica", "B" if bold else "", 10)
    pdf.multi_cell(0, 5, _t(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)


def build(file: File) -> bytes:
    """The bundle as PDF bytes. A fixed number of queries whatever the case holds."""
    report = file.report
    pdf = _Pdf(format="A4")
    pdf.reference = report.local_reference
    pdf.set_title(_t(f"Case file {report.local_reference}"))
    pdf.set_author(_t(settings.FRAUDCASE_FORCE_NAME))
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(
        0, 9, _t(f"Case file for the CPS: {report.local_reference}"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "", 10)
    _line(
        pdf, f"{settings.FRAUDCASE_FORCE_NAME}. Generated {_when(timezone.now())} by {file.user}."
    )

    _heading(pdf, "1. Case summary")
    nfrc = ", ".join(report_services.nfrc_numbers(report))
    _line(pdf, f"Officer in the case: {file.case.investigator} ({file.case.team})")
    _line(pdf, f"NFRC numbers: {nfrc or 'none'}")
    _line(pdf, f"Victim: {report.victim.display_name}")
    _line(
        pdf,
        f"Received: {_when(report.received_at)}. Fraud type: {report.fraud_type or 'not given'}.",
    )
    if report.loss_gbp is not None:
        _line(pdf, f"Loss: GBP {report.loss_gbp:,.2f}")
    suspects = services.suspects(file)
    _line(pdf, "Suspects: " + (", ".join(str(s) for s in suspects) or "none recorded"))
    if report.narrative:
        _line(pdf, report.narrative)

    _heading(pdf, "2. Statements and documents")
    docs = list(services.documents(file))
    if not docs:
        _line(pdf, "None recorded.")
    for d in docs:
        versions = list(d.versions.all())
        latest = versions[-1] if versions else None
        _line(pdf, f"{d.reference}  {d.get_kind_display()}: {d.title}", bold=True)
        _line(
            pdf,
            f"By {d.author}, dated {_day(d.dated)}. Version {latest.version if latest else 0}"
            + (f", {latest.filename}, SHA-256 {latest.sha256}" if latest else ""),
        )

    _heading(pdf, "3. Exhibits and their continuity")
    found = list(investigation_exhibits.exhibits(file))
    if not found:
        _line(pdf, "None recorded.")
    for e in found:
        _line(pdf, f"{e.reference}  {e.description}", bold=True)
        _line(
            pdf,
            f"Seized from {e.seized_from} at {e.seized_where}, {_when(e.seized_at)}, by "
            f"{e.seized_by}. Seal {e.seal_number or 'none'}. Stored: {e.storage_location}."
            + (f" File {e.filename}, SHA-256 {e.sha256}." if e.sha256 else ""),
        )
        for m in e.movements.all():
            to = _when(m.end) if m.end else "now"
            _line(pdf, f"    {m.held_by}: {_when(m.start)} to {to} ({m.reason})")
        if e.disposal:
            _line(
                pdf,
                f"    {e.get_disposal_display()} {_when(e.disposed_at)}. "
                f"Authority: {e.disposal_authority}",
            )
        problems = investigation_exhibits.chain_problems(e)
        _line(pdf, "    Continuity: " + ("; ".join(problems) if problems else "unbroken"))

    for number, kind in ((4, rules.ScheduleKind.MG6C), (5, rules.ScheduleKind.MG6D)):
        sched = services.schedule(file, kind)
        _heading(pdf, f"{number}. {kind.label}")
        listed = services.items(sched)
        if not listed:
            _line(pdf, "No items.")
        for i in listed:
            state = (
                f" [WITHDRAWN {_day(i.withdrawn_at)}: {i.withdrawn_reason}]"
                if i.withdrawn_at
                else ""
            )
            _line(pdf, f"Item {i.number}{state}", bold=True)
            _line(pdf, f"{i.description} (kept at: {i.location})")
            if kind == rules.ScheduleKind.MG6C:
                _line(pdf, f"Disclosure officer's decision: {i.get_decision_display()}")
            else:
                decided = (
                    i.get_prosecutor_decision_display()
                    if i.prosecutor_decision
                    else "not yet decided"
                )
                _line(pdf, f"Reason sensitive: {i.sensitivity}. Prosecutor's decision: {decided}")
        if sched.reviewed_at:
            _line(pdf, f"Last reviewed {_when(sched.reviewed_at)} by {sched.reviewed_by}.")

    _heading(pdf, "6. Disclosure officer's report (MG6E)")
    certificate = services.disclosure_reports(file).first()
    if certificate is None:
        _line(pdf, "Not yet certified.")
    else:
        _line(
            pdf,
            f"Certified by {certificate.certified_by} on {_when(certificate.certified_at)}: the "
            "material has been retained, recorded and reviewed, and the schedules are complete.",
        )
        _line(pdf, "Material for the prosecutor's attention: " + (certificate.attention or "none"))

    _heading(pdf, "7. Charging and court")
    for i in services.interviews(file):
        _line(pdf, f"Interview: {services.who(i)}, {_day(i.held_on)}, {i.get_kind_display()}")
    for c in services.charging(file):
        decided = f"{c.get_decision_display()} on {_day(c.decided_on)}" if c.decision else "awaited"
        _line(
            pdf,
            f"Charging decision: {services.who(c)}, requested from the "
            f"{c.get_decision_maker_display()} "
            f"on {_day(c.requested_on)}: {decided}",
        )
    for h in services.hearings(file):
        result = h.get_result_display() if h.result else "not yet heard"
        _line(
            pdf,
            f"Hearing: {services.who(h)}, {h.get_kind_display()} at {h.court}, "
            f"{_day(h.held_on)}: {result}",
        )
    return bytes(pdf.output())
