"""Word segmentation with jieba, loaded lazily and taught the legal vocabulary so 行政许可、没收违法所得 stay whole."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Frequency given to legal terms: high enough that jieba keeps them as single tokens.
LEGAL_TERM_FREQ = 2_000_000


class Segmenter:
    """One jieba tokenizer per process, built on first use: a check that needs no segmentation never pays for it."""

    def __init__(self, user_dict: Path | None, extra_words: Iterable[str] = ()) -> None:
        self.user_dict = user_dict
        self.extra_words = sorted(set(extra_words))
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _build(self) -> Any:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        if self.user_dict is not None and self.user_dict.exists():
            tokenizer.load_userdict(str(self.user_dict))
        for word in self.extra_words:
            tokenizer.add_word(word, LEGAL_TERM_FREQ)
        return tokenizer

    @property
    def tokenizer(self) -> Any:
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._build()
        return self._tokenizer

    def __getstate__(self) -> dict[str, Any]:
        # A pickled rule set carries the segmenter's recipe, never a built tokenizer or a lock.
        return {"user_dict": self.user_dict, "extra_words": self.extra_words}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.user_dict = state["user_dict"]
        self.extra_words = state["extra_words"]
        self._tokenizer = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._tokenizer is not None

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) with offsets into `text`."""
        return [(word, start, end) for word, start, end in self.tokenizer.tokenize(text)]
