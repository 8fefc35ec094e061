"""Which function runs each kind of job: registered by the app that owns the work.

The jobs app sits below intake and victims, so it cannot name their functions; each app
registers its runner from its AppConfig.ready (`jobs.register(JobKind.X, runner)`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Upload:
    """What a runner is given: the uploaded file, who uploaded it under which name, the import
    profile, a function to report progress with (stage, percent), and the job's own options
    (JSON values chosen when the job was started)."""

    path: Path
    user: Any
    filename: str
    profile: str
    progress: Progress
    options: dict[str, Any] = field(default_factory=dict)


# runner(upload) -> result dict; raises FileRejected when the file is refused (nothing written).
Runner = Callable[[Upload], dict[str, Any]]
_RUNNERS: dict[str, Runner] = {}


def register(kind: str, runner: Runner) -> None:
    """Make `runner` the function that runs jobs of `kind` (one per kind)."""
    _RUNNERS[kind] = runner


def runner_for(kind: str) -> Runner:
    """The registered runner; KeyError names a kind no installed app registered."""
    try:
        return _RUNNERS[kind]
    except KeyError:
        raise KeyError(f"No app registered a runner for {kind!r} jobs") from None
