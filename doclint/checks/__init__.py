"""Named document analyses (detectors) that rules call through the `check` primitive.

A detector reads the whole Document once and returns hits (span + named values for the message). Rules stay
declarative: `match: {check: citation.repealed-law}`; the analysis that needs data or grammar lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from doclint.document import Document
    from doclint.engine.primitives import Hit

Detector = Callable[["Document"], list["Hit"]]

DETECTORS: dict[str, Detector] = {}


def detector(name: str) -> Callable[[Detector], Detector]:
    """Register a detector under a dotted name used by rules."""

    def register(function: Detector) -> Detector:
        if name in DETECTORS:
            raise ValueError(f"detector {name} registered twice")
        DETECTORS[name] = function
        return function

    return register


def load_detectors() -> dict[str, Detector]:
    """Import the detector modules (each registers itself) and return the registry."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return DETECTORS


def find_detector(name: str) -> Detector:
    """The detector registered as `name`, importing only its module (the part of the name before the dot)."""
    import importlib

    if name not in DETECTORS:
        module = name.split(".", 1)[0]
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ImportError:
            load_detectors()
    return DETECTORS[name]
