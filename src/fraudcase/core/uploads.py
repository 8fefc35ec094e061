"""Uploaded files, written to a temporary file for the polars/DuckDB readers that want a path."""

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from django.core.files.uploadedfile import UploadedFile
from ninja import Status

from .errors import FileRejected, ImportClash


@contextmanager
def saved_upload(upload: UploadedFile) -> Iterator[Path]:
    """Yield a path holding the upload's bytes (same suffix); the file is removed afterwards."""
    suffix = Path(upload.name or "").suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        yield Path(handle.name)


T = TypeVar("T")


def answer_upload(
    upload: UploadedFile,
    run_import: Callable[[Path], T],
    answer: Callable[[T], Status[dict[str, object]]],
    *,
    rejected: str,
) -> Status[dict[str, object]]:
    """The API's answer to an uploaded file: `run_import` on the saved file, then `answer` with
    what it returned; a file refused whole answers 422 with every problem, `rejected` the detail,
    and one clashing with an import under way at the same moment answers 409.
    """
    with saved_upload(upload) as path:
        try:
            result = run_import(path)
        except ImportClash as clash:
            return Status(409, {"detail": clash.message})
        except FileRejected as refused:
            return Status(422, refused.as_api(rejected))
    return answer(result)
