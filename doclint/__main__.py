"""`python -m doclint` runs the CLI."""

from doclint.cli import main

main()
