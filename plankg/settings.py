"""One typed settings class; every field is a PLANKG_* environment variable (documented in README)."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANKG_", extra="ignore")

    store: str = Field("./plankg-data", description="Store directory, or http(s):// URL of a SPARQL 1.1 endpoint")
    query_timeout: float = Field(10.0, description="Seconds a SPARQL query may run before it is stopped (503)")
    max_rows: int = Field(10000, description="Most result rows a SELECT returns; more are cut and flagged")
    max_request_bytes: int = Field(2_000_000, description="Largest query or update request body, in bytes")
    max_document_bytes: int = Field(20 * 1024 * 1024, description="Largest plan file accepted for ingest")
    update_token: str | None = Field(None, description="Bearer token that enables SPARQL Update, Graph Store and uploads")
    cors_origins: str = Field("", description="Comma-separated origins allowed by CORS ('*' for any); empty = off")
    host: str = Field("127.0.0.1", description="Address `plankg serve` binds to")
    port: int = Field(8000, description="Port `plankg serve` listens on")
    query_workers: int = Field(3, description="Worker processes that run SPARQL queries (each killable at the time limit)")
    queries_per_client: int = Field(2, description="SPARQL queries one client address may run at once (more get 429); 0 = no limit")
    audit_timeout: float = Field(60.0, description="Seconds an audit over the API may run before it is stopped (503)")
    max_text_chars: int = Field(5_000_000, description="Most characters of text one plan file may expand into")
    max_passages: int = Field(100_000, description="Most paragraphs / lines / table rows one plan file may hold")
    max_pdf_pages: int = Field(2_000, description="Most pages of a PDF plan file")
    max_zip_member_bytes: int = Field(100 * 1024 * 1024, description="Largest inflated part of a .docx file, in bytes")
    max_zip_ratio: int = Field(200, description="Highest inflated/compressed ratio of a .docx part above 1 MB")
    max_pdf_page_bytes: int = Field(8 * 1024 * 1024, description="Most bytes of content one PDF page may inflate to "
                                    "(forms counted each time drawn), checked before layout analysis")
    max_pdf_page_glyphs: int = Field(30_000, description="Most glyphs one PDF page may show, counted before layout analysis")
    max_pdf_page_shapes: int = Field(30_000, description="Most painted shapes (rules, boxes, curves) on one PDF page, "
                                     "counted before layout analysis")
    max_pdf_table_crossings: int = Field(2_000, description="Most crossings of horizontal and vertical rules on a PDF "
                                         "page for its ruled tables to be read cell by cell; above, read as lines")
    audits_per_client: int = Field(1, description="Audits one client may run at once (more get 429); 0 = no limit")
    audit_memory_mb: int = Field(1536, description="Resident memory an audit worker process may use, in MiB; beyond "
                                 "it the worker is killed and the audit fails with PKG-116; 0 = no limit")
    audit_recycle_mb: int = Field(600, description="An audit worker whose resident memory is above this after an audit "
                                  "is replaced by a fresh one, in MiB")
    trusted_proxies: str = Field("", description="Comma-separated addresses of reverse proxies whose X-Forwarded-For "
                                 "header names the client; empty = the peer address is the client")


@lru_cache
def get_settings() -> Settings:
    return Settings()
