"""The detector interface: what a named document analysis returns, and the registry rules look it up in.

The engine owns the interface; `doclint.checks` implements it (each module registers its detectors with
`@detector`). The engine finds the implementations by package name, so it never imports `checks` itself.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from doclint.document import Document

# Where the bundled detectors live; each of its modules registers what it defines when imported.
DETECTOR_PACKAGE = "doclint.checks"


@dataclass(slots=True)
class Hit:
    """A span of the normalised text a matcher or detector found, with named values for the message."""

    start: int
    end: int
    groups: dict[str, str] = field(default_factory=dict)


Detector = Callable[["Document"], list[Hit]]

DETECTORS: dict[str, Detector] = {}


def detector(name: str) -> Callable[[Detector], Detector]:
    """Register a detector under a dotted name used by rules (`check: citation.repealed-law`)."""

    def register(function: Detector) -> Detector:
        if name in DETECTORS:
            raise ValueError(f"detector {name} registered twice")
        DETECTORS[name] = function
        return function

    return register


def load_detectors() -> dict[str, Detector]:
    """Import every module of the detector package (each registers itself) and return the registry."""
    package = importlib.import_module(DETECTOR_PACKAGE)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{DETECTOR_PACKAGE}.{module.name}")
    return DETECTORS


def find_detector(name: str) -> Detector:
    """The detector registered as `name`, importing only its module (the part of the name before the dot)."""
    if name not in DETECTORS:
        module = name.split(".", 1)[0]
        try:
            importlib.import_module(f"{DETECTOR_PACKAGE}.{module}")
        except ImportError:
            load_detectors()
    return DETECTORS[name]
