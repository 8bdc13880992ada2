"""Small HTTP helpers shared by the Jira handlers and the admin API: bodies, auth, Jira-shaped errors."""

from __future__ import annotations

import base64
import binascii
import hmac
import json

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from fake_jira.config import FakeConfig
from fake_jira.errors import JiraError


def json_response(payload: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    # ensure_ascii=False keeps Unicode globalIds readable; the body is still valid UTF-8 JSON.
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(body, status_code=status, headers=headers, media_type="application/json;charset=UTF-8")


# What Jira sends with every GET answer and DELETE answer of the remote-link resource.
NEVER_CACHE = "no-cache, no-store, no-transform"
# Jira Cloud's answer to wrong credentials is this sentence as plain text, not an error collection.
UNAUTHORIZED_TEXT = "Client must be authenticated to access this resource."


class UnauthorizedError(JiraError):
    """Wrong or missing credentials: answered as plain text, as Jira Cloud does."""

    def __init__(self) -> None:
        super().__init__(
            401, [UNAUTHORIZED_TEXT], headers={"WWW-Authenticate": 'Basic realm="protected-area"'}
        )


def error_response(error: JiraError) -> Response:
    if isinstance(error, UnauthorizedError):
        return PlainTextResponse(UNAUTHORIZED_TEXT, status_code=401, headers=error.headers)
    return json_response(error.body(), status=error.status, headers=error.headers)


def media_type(header: str | None) -> str:
    """`application/json; charset=UTF-8` -> `application/json`."""
    return (header or "").split(";", 1)[0].strip().lower()


def accepts_json(accept: str | None) -> bool:
    """Whether an Accept header allows a JSON answer; no header allows anything."""
    if accept is None or not accept.strip():
        return True
    for item in accept.split(","):
        kind, *parameters = (part.strip() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0 and kind.lower() in ("*/*", "application/*", "application/json"):
            return True
    return False


def no_content() -> Response:
    return Response(status_code=204)


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or 413 as soon as it passes `limit` bytes (a huge upload is never held whole)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise body_too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise body_too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def body_too_large(limit: int) -> JiraError:
    return JiraError(413, [f"The request body is larger than the limit of {limit} bytes."])


def authenticate(authorization: str | None, config: FakeConfig) -> None:
    """Basic auth with the configured email and API token; anonymous only when allowed."""
    if authorization is None:
        if config.allow_anonymous:
            return
        raise _unauthorized()
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() != "basic":
        raise _unauthorized()
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise _unauthorized() from None
    email, _, token = decoded.partition(":")
    expected = f"{config.email}:{config.api_token}".encode()
    # Constant-time comparison, as a real server would do it.
    if not hmac.compare_digest(f"{email}:{token}".encode(), expected):
        raise _unauthorized()


def _unauthorized() -> JiraError:
    return UnauthorizedError()
