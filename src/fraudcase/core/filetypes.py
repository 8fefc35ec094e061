"""What a file is, read from its content (its first bytes and, for Office files, the zip's
[Content_Types].xml), never from the name or the label a browser gave it.

A small table of signatures rather than libmagic: the handful of types material comes in, each
checked the same way on every platform, with nothing to install.
"""

import zipfile
from typing import BinaryIO

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
TEXT = "text/plain"
CSV = "text/csv"
HTML = "text/html"
EMAIL = "message/rfc822"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ZIP = "application/zip"
OLE = "application/x-ole-storage"  # old Word, Excel and PowerPoint (.doc, .xls, .ppt)
OLE_TYPES = frozenset(
    {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
)
EXECUTABLE = "application/x-msdownload"
ELF = "application/x-executable"

# What a type is called in a refusal: "statement.pdf is not a PDF".
NAMES = {
    PDF: "a PDF",
    PNG: "a PNG image",
    JPEG: "a JPEG image",
    GIF: "a GIF image",
    TEXT: "a plain text file",
    CSV: "a CSV file",
    EMAIL: "an email (.eml)",
    DOCX: "a Word document (.docx)",
    XLSX: "an Excel workbook (.xlsx)",
    PPTX: "a PowerPoint presentation (.pptx)",
    "application/msword": "a Word 97-2003 document (.doc)",
    "application/vnd.ms-excel": "an Excel 97-2003 workbook (.xls)",
    "application/vnd.ms-powerpoint": "a PowerPoint 97-2003 presentation (.ppt)",
}

_MAGIC = [
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
    (b"MZ", EXECUTABLE),
    (b"\x7fELF", ELF),
]
# The main part of each Office Open XML document, as [Content_Types].xml names it.
_OFFICE_PARTS = [
    (b"wordprocessingml.document.main+xml", DOCX),
    (b"spreadsheetml.sheet.main+xml", XLSX),
    (b"presentationml.presentation.main+xml", PPTX),
]
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml")
_EMAIL_HEADERS = (
    b"from:",
    b"to:",
    b"subject:",
    b"date:",
    b"received:",
    b"return-path:",
    b"message-id:",
    b"mime-version:",
    b"delivered-to:",
)
_SNIFF = 8192
_TYPES_MAX = 1024 * 1024  # a [Content_Types].xml larger than this is not an Office file


def _office_type(file: BinaryIO) -> str:
    """DOCX, XLSX or PPTX from the zip's [Content_Types].xml; ZIP when it is not Office."""
    try:
        with zipfile.ZipFile(file) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _TYPES_MAX:
                return ZIP
            types = archive.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return ZIP
    for part, kind in _OFFICE_PARTS:
        if part in types:
            return kind
    return ZIP


def _text_type(head: bytes) -> str | None:
    """TEXT, CSV, EMAIL or HTML for text; None when the bytes are not text."""
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as cut:
        if cut.start < len(head) - 4:  # not just a character cut at the end of the sample
            text = head.decode("cp1252", errors="replace")
        else:
            text = head[: cut.start].decode("utf-8")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\r\n\f")
    if controls > len(text) // 100:
        return None
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(_HTML_STARTS) or b"<script" in head.lower():
        return HTML
    headers = start.replace(b"\r\n", b"\n").split(b"\n\n")[0].split(b"\n")[:8]
    if headers[0].startswith(_EMAIL_HEADERS) and all(
        line.startswith((b" ", b"\t")) or b":" in line for line in headers
    ):
        return EMAIL
    first = text.splitlines()[0] if text.splitlines() else ""
    if first.count(",") >= 1 and len(text.splitlines()) > 1:
        columns = first.count(",")
        if all(line.count(",") >= columns for line in text.splitlines()[1:4] if line.strip()):
            return CSV
    return TEXT


def detect(file: BinaryIO) -> str:
    """The type of this open file, read from its content ("application/octet-stream" when
    unknown). The file is left at its start."""
    file.seek(0)
    head = file.read(_SNIFF)
    file.seek(0)
    try:
        if head.startswith(b"PK\x03\x04"):
            return _office_type(file)
        for magic, kind in _MAGIC:
            if head.startswith(magic):
                return kind
        return _text_type(head) or "application/octet-stream"
    finally:
        file.seek(0)


def matches(label: str, detected: str) -> bool:
    """Whether the content bears out the label the file came with."""
    if label == detected:
        return True
    if detected == OLE:
        return label in OLE_TYPES
    # Text is text: a CSV sent as text/plain, an email or list saved as .txt.
    return label in (TEXT, CSV) and detected in (TEXT, CSV, EMAIL)


def stored_type(label: str, detected: str) -> str:
    """The type to store and serve for a file whose content bears out its label: the detected
    one, except that the label says which Office 97-2003 program an OLE file is for, and
    which of plain text and CSV a text file is."""
    if detected == OLE and label in OLE_TYPES:
        return label
    if detected in (TEXT, CSV) and label in (TEXT, CSV):
        return label
    return detected
