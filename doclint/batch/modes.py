"""What a batch is for; its own module so that registering `doclint batch` imports no conclusion machinery."""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    """What a batch is for: filing review of filed documents, a clean-up of those in force, or drafts."""

    filing = "filing"
    cleanup = "cleanup"
    review = "review"
