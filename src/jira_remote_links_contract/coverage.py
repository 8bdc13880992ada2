"""What a run covered: for every operation of the spec, which documented statuses the target answered.

Every response the suite receives, through the generated client, the jobs client or schemathesis, is
recorded by method, path and status, matched to the spec's operation, and shown at the end of the run as a
table with one figure: documented responses exercised out of documented responses. Statuses the spec does not
document for an operation are listed too; schemathesis judges those as failures, the table only shows them.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import yaml

# The spec as the client package ships it: `make check-generated` keeps this copy equal to spec/, and an
# installed suite has no checkout to read spec/ from.
SPEC_PATH = Path(str(files("jira_remote_links_client").joinpath("openapi.yaml")))
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    documented: tuple[int, ...]
    pattern: re.Pattern[str]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


def _path_pattern(template: str) -> re.Pattern[str]:
    # A path parameter is one percent-encoded segment; it never contains a raw "/".
    parts = re.split(r"(\{[^/{}]+\})", template)
    regex = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    return re.compile(f"^{regex}$")


def operations_from_spec(spec_path: Path) -> list[Operation]:
    spec: dict[str, Any] = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    found = []
    for path, item in (spec.get("paths") or {}).items():
        for method, operation in item.items():
            if method not in HTTP_METHODS or not isinstance(operation, dict):
                continue
            statuses = tuple(sorted(int(code) for code in operation.get("responses", {}) if code.isdigit()))
            found.append(
                Operation(
                    operation_id=str(operation.get("operationId", f"{method.upper()} {path}")),
                    method=method.upper(),
                    path=path,
                    documented=statuses,
                    pattern=_path_pattern(path),
                )
            )
    return found


@dataclass
class Coverage:
    """Responses seen in this run, by operation id and status."""

    operations: list[Operation]
    seen: Counter[tuple[str, int]] = field(default_factory=Counter)
    unmatched: Counter[tuple[str, int]] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def match(self, method: str, raw_path: str) -> Operation | None:
        path = urlsplit(raw_path).path
        for operation in self.operations:
            if operation.method == method.upper() and operation.pattern.match(path):
                return operation
        return None

    def record(self, method: str, raw_path: str, status: int) -> None:
        operation = self.match(method, raw_path)
        with self._lock:
            if operation is None:
                # Admin calls to the fake and requests outside the spec, such as /openapi.json.
                self.unmatched[(method.upper(), status)] += 1
            else:
                self.seen[(operation.operation_id, status)] += 1

    def documented_total(self) -> int:
        return sum(len(operation.documented) for operation in self.operations)

    def documented_seen(self) -> int:
        return sum(
            1
            for operation in self.operations
            for status in operation.documented
            if self.seen[(operation.operation_id, status)]
        )

    def figure(self) -> str:
        total = self.documented_total()
        covered = self.documented_seen()
        share = f" ({100 * covered / total:.0f}%)" if total else ""
        return f"documented responses exercised: {covered} of {total}{share}"

    def rows(self) -> list[tuple[Operation, list[tuple[int, int]], list[int], list[tuple[int, int]]]]:
        """Per operation: (documented status, calls) pairs, documented statuses never seen, and
        (undocumented status, calls) pairs."""
        table = []
        for operation in self.operations:
            documented = [
                (status, self.seen[(operation.operation_id, status)]) for status in operation.documented
            ]
            missing = [status for status, calls in documented if not calls]
            extra = sorted(
                (status, calls)
                for (operation_id, status), calls in self.seen.items()
                if operation_id == operation.operation_id and status not in operation.documented
            )
            table.append((operation, documented, missing, extra))
        return table

    def render_text(self) -> str:
        lines = [self.figure()]
        for operation, documented, _, extra in self.rows():
            cells = " ".join(f"{status}:{calls}" if calls else f"{status}:-" for status, calls in documented)
            extra_text = f"   undocumented {' '.join(f'{s}:{n}' for s, n in extra)}" if extra else ""
            lines.append(f"  {operation.operation_id:34s} {cells}{extra_text}")
        return "\n".join(lines)

    def render_markdown(self) -> str:
        lines = [
            f"**{self.figure()}**",
            "",
            "| Operation | Request | Documented statuses answered (calls) | Not reached | Undocumented |",
            "|---|---|---|---|---|",
        ]
        for operation, documented, missing, extra in self.rows():
            answered = ", ".join(f"{status} ({calls})" for status, calls in documented if calls) or "none"
            lines.append(
                f"| `{operation.operation_id}` | `{operation.label}` | {answered} | "
                f"{', '.join(map(str, missing)) or '-'} | "
                f"{', '.join(f'{status} ({calls})' for status, calls in extra) or '-'} |"
            )
        return "\n".join(lines)


# One per run: every client of the suite reports to it.
COVERAGE = Coverage(operations_from_spec(SPEC_PATH))
# Off while a test talks to a deliberately broken fake (the mutation hunts): their answers are not the target's.
RECORDING = threading.Event()
RECORDING.set()


def record_httpx_response(response: httpx.Response) -> None:
    """An httpx `response` event hook."""
    if RECORDING.is_set():
        COVERAGE.record(
            response.request.method, response.request.url.raw_path.decode("ascii"), response.status_code
        )
