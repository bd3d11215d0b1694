"""Stable error codes for every failure a user can cause.

Each error says what went wrong and how to fix it. The CLI maps them to exit code 2 and the API
to the JSON envelope ``{"error": {"code", "message", "detail"}}``.
"""
from __future__ import annotations


class PlankgError(Exception):
    """Base class: ``code`` is stable and documented; ``hint`` says how to fix it."""

    code = "PKG-000"
    http_status = 400
    hint = ""

    def __init__(self, message: str, *, detail: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.detail = detail
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text

    def to_dict(self) -> dict:
        err = {"code": self.code, "message": self.message}
        detail = self.detail or self.hint
        if detail:
            err["detail"] = detail
        return err


class InputError(PlankgError):
    """The user's input (file, argument, query) cannot be used."""


class EmptyDocument(InputError):
    code = "PKG-101"
    hint = "give a plan file that contains text"


class BinaryDocument(InputError):
    code = "PKG-102"
    hint = "give a text (.txt/.md), .docx or text-layer .pdf plan file"


class UndecodableDocument(InputError):
    code = "PKG-103"
    hint = "save the file as UTF-8 (GB18030/GBK are also detected)"


class UnsupportedFormat(InputError):
    code = "PKG-104"
    hint = "supported extensions: .txt .md .docx .pdf (plans and reports), .csv .xlsx (observation tables)"


class DocumentTooLarge(InputError):
    code = "PKG-105"
    hint = "split the document, or raise PLANKG_MAX_DOCUMENT_BYTES"


class NotAPlan(InputError):
    code = "PKG-106"
    hint = "the first lines must name the plan (…国土空间总体规划（2020-2035年）); see docs/data-model.md"


class FileMissing(InputError):
    code = "PKG-107"
    hint = "check the path; folders are searched for .txt/.md/.docx/.pdf files"


class UnreadableDocument(InputError):
    code = "PKG-108"
    hint = "the file is damaged or has no text layer; re-export it or give a .txt version"


class BadQuery(InputError):
    code = "PKG-201"
    hint = "check the SPARQL syntax; the parser's message is in detail"


class ForbiddenQuery(InputError):
    code = "PKG-202"
    http_status = 400
    hint = "SERVICE, LOAD and FROM/graph parameters outside this store are refused"


class UnknownPlan(InputError):
    code = "PKG-301"
    http_status = 404
    hint = "list ingested plans with `plankg plans`"


class NotFound(InputError):
    code = "PKG-302"
    http_status = 404


class StoreError(PlankgError):
    code = "PKG-401"
    http_status = 503
    hint = "is another plankg process holding the store? Stop it, or use --store to pick another directory"


class QueryTimeout(PlankgError):
    code = "PKG-402"
    http_status = 503
    hint = "simplify the query or raise PLANKG_QUERY_TIMEOUT"


class BadOption(InputError):
    code = "PKG-501"
    hint = "see --help"


# --- HTTP API (issue 3) ---
class Unauthorized(PlankgError):
    code = "PKG-601"
    http_status = 401
    hint = "send Authorization: Bearer <PLANKG_UPDATE_TOKEN>"


class Forbidden(PlankgError):
    code = "PKG-602"
    http_status = 403
    hint = "updates and uploads need PLANKG_UPDATE_TOKEN set on the server and the same bearer token"


class NotAcceptable(InputError):
    code = "PKG-603"
    http_status = 406
    hint = "ask for one of the media types listed in detail"


class UnsupportedMediaType(InputError):
    code = "PKG-604"
    http_status = 415
    hint = "see docs/api.md for the accepted request media types (UTF-8 only)"


class RequestTooLarge(InputError):
    code = "PKG-605"
    http_status = 413
    hint = "send a smaller request, or raise PLANKG_MAX_REQUEST_BYTES"


class BadRequest(InputError):
    code = "PKG-606"
    hint = "see the SPARQL 1.1 Protocol and docs/api.md"


class Busy(PlankgError):
    code = "PKG-403"
    http_status = 503
    hint = "all query workers are busy; retry shortly"


class NotSerialisable(InputError):
    code = "PKG-608"
    http_status = 406


class TooManyRequests(PlankgError):
    code = "PKG-609"
    http_status = 429


class BadDocuments(InputError):
    """Several input files failed; ``detail`` names each with its own error."""
    code = "PKG-114"


# --- reading limits (decompression and page bombs, illegal characters); PKG-106..108 were taken
class ExpandsTooFar(InputError):
    """A compressed file (.docx) whose parts inflate beyond the limits: a decompression bomb."""

    code = "PKG-109"
    http_status = 413
    hint = "a .docx part is too large or too highly compressed; raise PLANKG_MAX_ZIP_MEMBER_BYTES / PLANKG_MAX_ZIP_RATIO"


class TooManyPages(InputError):
    code = "PKG-110"
    http_status = 413
    hint = "split the PDF, or raise PLANKG_MAX_PDF_PAGES"


class TextTooLong(InputError):
    code = "PKG-111"
    http_status = 413
    hint = "the extracted text is too long; split the document, or raise PLANKG_MAX_TEXT_CHARS"


class TooManyPassages(InputError):
    code = "PKG-112"
    http_status = 413
    hint = "the document has too many paragraphs; split it, or raise PLANKG_MAX_PASSAGES"


class IllegalCharacter(InputError):
    code = "PKG-113"
    hint = "remove NUL and other control characters (XML 1.0 forbids them); save the file as plain UTF-8 text"


# --- page bombs and audit memory (PDF content weighed before layout analysis; audit worker limits)
class PageTooHeavy(InputError):
    """A PDF page that draws far more than a plan page: a page bomb."""

    code = "PKG-115"
    http_status = 413
    hint = ("the PDF draws too much on one page (or in all); raise PLANKG_MAX_PDF_PAGE_BYTES / "
            "PLANKG_MAX_PDF_PAGE_GLYPHS / PLANKG_MAX_PDF_PAGE_SHAPES, or give a .txt version")


class AuditOutOfMemory(InputError):
    code = "PKG-116"
    http_status = 413
    hint = "the audit needed more memory than PLANKG_AUDIT_MEMORY_MB allows; audit a smaller file, or raise the limit"
