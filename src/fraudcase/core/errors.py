"""Every error a service raises on purpose, in one place, with what each one means for a user.

Pages turn them into GOV.UK error messages; the API turns them into documented JSON answers
(`fraudcase.api`: 404, 409, 422, 428); the command line prints one line. Anything else that
escapes is a bug.
"""

import json
from dataclasses import dataclass, field


class InvalidInput(Exception):
    """What the user gave breaks a rule; `problems` maps each field to what is wrong with it."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


class NotPermitted(Exception):
    """This user's role may not do this (shown as "not found" where the record is hidden)."""


class Conflict(Exception):
    """Someone else changed the record first, or it is not where this step starts; nothing saved."""


class JustificationRequired(Exception):
    """Consulting a restricted record needs a recorded reason (DPA 2018 s.62). args[0] is the
    local reference of the record asked for, or "" when a list holds restricted records:
    `restricted` of its `total` records are (reports.services.disclose)."""

    def __init__(self, reference: str = "", restricted: int = 1, total: int = 1):
        super().__init__(reference)
        self.reference = reference
        self.restricted = restricted
        self.total = total

    @property
    def for_list(self) -> bool:
        return not self.reference

    def explanation(self) -> str:
        """One sentence: what is restricted and what to give."""
        if not self.for_list:
            return "This record is restricted: give your reason in an X-Justification header."
        verb = "is" if self.restricted == 1 else "are"
        return (
            f"{self.restricted} of the {self.total} records in this list {verb} restricted: "
            "give your reason in an X-Justification header."
        )


class AttachmentRejected(Exception):
    """A file offered as material is too large or not a type that is accepted."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: spreadsheet row (1 is the heading row, 0 the whole file),
    column and what is wrong."""

    row: int
    column: str
    problem: str

    def as_dict(self) -> dict[str, int | str]:
        return {"row": self.row, "column": self.column, "problem": self.problem}


@dataclass
class FileRejected(Exception):
    """The whole file is refused; nothing was written."""

    problems: list[Problem]
    profile: str = "default"
    extra: dict[str, object] = field(default_factory=dict)

    def as_api(self, detail: str = "File rejected: nothing was imported") -> dict[str, object]:
        return {
            "detail": detail,
            "profile": self.profile,
            "problems": [p.as_dict() for p in self.problems],
        }

    def as_json(self) -> str:
        """The refusal as a command's --json output (one line, no newline)."""
        return json.dumps(
            {
                "rejected": True,
                "profile": self.profile,
                "problems": [p.as_dict() for p in self.problems],
            }
        )

    def ending(self, what_happened: str) -> str:
        """The refusal for a command's standard error, then `what_happened` ("Nothing was
        imported."): on the same line after a one-line refusal, else on a line of its own."""
        sep = "\n" if "\n" in str(self) else " "
        return f"{self}{sep}{what_happened}"

    def __str__(self) -> str:
        if len(self.problems) == 1 and self.problems[0].row == 0:
            return f"File rejected: {self.problems[0].problem.rstrip('.')}."  # one line
        lines = [f"File rejected ({len(self.problems)} problems, profile '{self.profile}'):"]
        lines += [f"  row {p.row}, {p.column}: {p.problem}" for p in self.problems[:200]]
        if len(self.problems) > 200:
            lines.append(f"  ... and {len(self.problems) - 200} more")
        return "\n".join(lines)


class ImportClash(FileRejected):
    """Another import wrote the same package (or its NFRC numbers) while this one was checked.

    Nothing of this file was written; `message` says so in one line."""

    @property
    def message(self) -> str:
        return self.problems[0].problem
