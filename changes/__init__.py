"""Version comparison: what changed in meaning between two versions of a plan (docs/changes.md).

``diff(old, new)`` takes two versions' RDF (as read from the store, or built from a file without
storing it) and returns typed ``Change`` items. Quantities are compared after unit normalisation and
things by their identity (entity IRI, normalised label), never as printed strings.
"""
from plankg.changes.compare import diff
from plankg.changes.model import Change

__all__ = ["diff", "Change"]
