"""Named document analyses (detectors) that rules call through the `check` primitive.

A detector reads the whole Document once and returns hits (span + named values for the message). Rules stay
declarative: `match: {check: citation.repealed-law}`; the analysis that needs data or grammar lives here.
The interface and the registry are the engine's (doclint.engine.detector); this package implements them.
"""

from __future__ import annotations

from doclint.engine.detector import DETECTORS, Detector, Hit, detector, find_detector, load_detectors

__all__ = ["DETECTORS", "Detector", "Hit", "detector", "find_detector", "load_detectors"]
