"""Facts computed once per document and read by rules: doc type, citations, actors, dates."""
