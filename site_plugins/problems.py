"""Content problems: what an editor must fix, named by file, line and field, in Chinese."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ContentProblem(Exception):
    path: str
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: "
        return where + (f"{self.field}：{self.message}" if self.field else self.message)


class ContentErrors(Exception):
    """Every problem found in one run, in file and line order."""

    def __init__(self, problems: list[ContentProblem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line))
        super().__init__(self.report())

    def report(self) -> str:
        head = f"内容有 {len(self.problems)} 处错误，请修改后再构建："
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class Collector:
    """Gathers problems so that one run reports all of them, not only the first."""

    def __init__(self) -> None:
        self.problems: list[ContentProblem] = []

    def add(self, path: str, line: int, field: str | None, message: str) -> None:
        self.problems.append(ContentProblem(path, line, field, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ContentErrors(self.problems)
