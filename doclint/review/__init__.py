"""Reviewing a submission package (送审材料): roles of its files, procedure facts, and the `review` command."""
