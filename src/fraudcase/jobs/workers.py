"""Who runs a job, and whether that process is still there.

A running job records its worker ("host:pid:start") and beats every HEARTBEAT_EVERY. Its job
is interrupted as soon as one of these is seen: on the same host the process no longer exists
(or its pid now belongs to a later process: the start time differs); on any host the heartbeat
is older than HEARTBEAT_STALE.
"""

import os
import socket
import threading
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from django.db import close_old_connections, connection
from django.utils import timezone

HEARTBEAT_EVERY = timedelta(seconds=15)
HEARTBEAT_STALE = timedelta(seconds=60)


def _started(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), or "" where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def identity(pid: int | None = None) -> str:
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{pid}:{_started(pid)}"


def gone(worker: str, heartbeat_at: datetime | None, now: datetime) -> bool:
    """Whether the worker of a running job has stopped (see the module's docstring)."""
    if heartbeat_at is not None and now - heartbeat_at > HEARTBEAT_STALE:
        return True
    host, _, rest = worker.partition(":")
    pid_text, _, started = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # exists, another user's
    return bool(started) and _started(pid) not in ("", started)


class Heartbeat:
    """While a job runs, update its heartbeat every HEARTBEAT_EVERY (own thread, own connection)."""

    def __init__(self, job_id: uuid.UUID | str) -> None:
        self.job_id = job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True)

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _beat(self) -> None:
        from .models import Job

        close_old_connections()
        try:
            while not self._stop.wait(HEARTBEAT_EVERY.total_seconds()):
                Job.objects.filter(pk=self.job_id).update(heartbeat_at=timezone.now())
        finally:
            connection.close()
