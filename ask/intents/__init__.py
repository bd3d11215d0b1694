"""One module per intent family: the SPARQL template(s) and the answer text of that family."""
