"""Which function runs each kind of job: registered by the app that owns the work.

The jobs app sits below intake and victims, so it cannot name their functions; each app
registers its runner from its AppConfig.ready (`jobs.register(JobKind.X, runner)`).
"""

from collections.abc import Callable

# runner(path, user, original_name, profile, progress, **options) -> result dict; raises
# FileRejected when the file is refused (nothing written). `options` are the job's own.
Runner = Callable[..., dict]
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
