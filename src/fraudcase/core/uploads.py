"""Uploaded files, written to a temporary file for the polars/DuckDB readers that want a path."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile


@contextmanager
def saved_upload(upload: UploadedFile) -> Iterator[Path]:
    """Yield a path holding the upload's bytes (same suffix); the file is removed afterwards."""
    suffix = Path(upload.name or "").suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        yield Path(handle.name)
