"""What every stage receives: the loaded document, the language, and a way to emit findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from convention_validator.findings import Finding, Stage
from convention_validator.messages import catalogue, render


class Locatable(Protocol):
    """A loaded document that can say where a JSON pointer is."""

    @property
    def name(self) -> str: ...

    @property
    def data(self) -> dict[str, Any]: ...

    def locate(self, pointer: str) -> Any: ...


@dataclass
class StageContext:
    """The document under validation and the findings gathered so far."""

    document: Locatable
    lang: str
    findings: list[Finding] = field(default_factory=list)
    emitted: set[tuple[str, str, tuple[tuple[str, str], ...]]] = field(default_factory=set)

    def emit(self, code: str, pointer: str, stage: str, **params: object) -> None:
        """Add a finding located at a JSON pointer; its severity and message come from the catalogue."""
        values = {k: str(v) for k, v in params.items()}
        key = (code, pointer, tuple(sorted(values.items())))
        if key in self.emitted:
            return
        self.emitted.add(key)
        entry = catalogue()[code]
        position = self.document.locate(pointer)
        self.findings.append(
            Finding(
                code=code,
                severity=entry.severity,
                stage=Stage(stage),
                message=render(code, self.lang, values),
                file=self.document.name,
                line=getattr(position, "line", None),
                column=getattr(position, "column", None),
                pointer=pointer,
                params=tuple(sorted(values.items())),
            )
        )


def pointer_of(path: Any) -> str:
    """A JSON pointer (RFC 6901) from a sequence of keys and indexes."""
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in path)


def value_at(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer, or None."""
    node = data
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            return None
    return node
