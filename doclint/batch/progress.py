"""The batch progress bar: files, files per second and time remaining, shown only on a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class FilesPerSecond(ProgressColumn):
    """Throughput in files per second, from rich's own speed estimate."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("— 个/秒" if speed is None else f"{speed:,.0f} 个/秒", style="cyan")


def progress_bar(console: Console) -> Progress:
    # disable= keeps the bar out of logs and pipes: only a terminal gets it.
    return Progress(
        TextColumn("[bold]批量检查"),
        BarColumn(),
        MofNCompleteColumn(),
        FilesPerSecond(),
        TimeElapsedColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=False,
    )
