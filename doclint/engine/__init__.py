"""The rule engine: YAML rules validated by pydantic, compiled once, run over the text model."""
