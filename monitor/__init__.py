"""Monitoring (实施监测): observations from reports and tables against the targets a plan sets.

rule (the status rule, pure) · gather (targets, bases, allocations and observations from the store) ·
render (Markdown and HTML tables)."""
