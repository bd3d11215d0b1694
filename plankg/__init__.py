"""plankg: knowledge graph, audits and search for Chinese territorial spatial plans."""

__version__ = "0.1.0"
