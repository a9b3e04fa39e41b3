"""Assembly of the sandbox ASGI application: routes, error bodies and middleware layers.

Layers, outermost first: request id and request log, then faults (latency, rate limit,
failures), then the Starlette app. Faults sit inside the request log so injected failures
are logged with their real status, and outside Starlette so they can cut a real response.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp

from app.sandbox.auth import KeyRing
from app.sandbox.config import SandboxConfig
from app.sandbox.data import Dataset, generate
from app.sandbox.errors import ApiError, ValidationFailedError
from app.sandbox.faults import FaultMiddleware
from app.sandbox.pagination import InvalidCursorError
from app.sandbox.ratelimit import RateLimiter
from app.sandbox.requestlog import RequestContextMiddleware, RequestLog
from app.sandbox.routes import SandboxApi, request_id_of
from app.sandbox.serialize import Serializer
from app.sandbox.store import SandboxStore


@dataclass(frozen=True)
class SandboxApplication:
    """The ASGI app plus the live objects behind it, for servers and tests to reach into."""

    asgi: ASGIApp
    config: SandboxConfig
    store: SandboxStore
    keys: KeyRing
    rate_limiter: RateLimiter
    request_log: RequestLog
    fault_middleware: FaultMiddleware

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.asgi(scope, receive, send)

    def reset(self) -> None:
        """Seeded data, no faults, demo keys only, configured clock, fresh rate limit, no logs."""
        self.store.clock = self.config.clock
        self.rate_limiter.clock = self.config.clock
        self.store.reset()
        self.keys.reset()
        self.config.faults.reset()
        self.fault_middleware.reseed()
        self.rate_limiter.reset()
        self.request_log.clear()


def _error_handlers(serializer: Serializer) -> dict[Any, Any]:
    def respond(
        request: Request, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> Response:
        return JSONResponse(serializer.envelope(body, request_id_of(request)), status, headers)

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return respond(request, exc.status, {"error": exc.message}, exc.headers)

    async def validation_failed(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ValidationFailedError)
        return respond(request, 422, {"error": "Validation failed", "errors": exc.errors})

    async def invalid_cursor(request: Request, exc: Exception) -> Response:
        return respond(request, 400, {"error": "Invalid cursor."})

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        route = request.url.path.lstrip("/")
        if exc.status_code == 404:
            return respond(request, 404, {"error": f"The route {route} could not be found."})
        if exc.status_code == 405:
            allowed = sorted(
                m.strip() for m in (exc.headers or {}).get("Allow", "").split(",") if m.strip()
            )
            message = (
                f"The {request.method} method is not supported for route {route}. "
                f"Supported methods: {', '.join(allowed)}."
            )
            return respond(request, 405, {"error": message}, {"Allow": ", ".join(allowed)})
        return respond(request, exc.status_code, {"error": exc.detail}, dict(exc.headers or {}))

    async def server_error(request: Request, exc: Exception) -> Response:
        return respond(request, 500, {"error": "Server Error"})

    return {
        ApiError: api_error,
        ValidationFailedError: validation_failed,
        InvalidCursorError: invalid_cursor,
        HTTPException: http_error,
        Exception: server_error,
    }


def create_app(
    config: SandboxConfig | None = None, dataset: Dataset | None = None
) -> SandboxApplication:
    """Build a sandbox application; ``dataset`` defaults to ``generate(config.seed, ...)``."""
    config = config or SandboxConfig()
    config.validate()
    dataset = dataset or generate(config.seed, config.big_event_participants)
    store = SandboxStore(dataset, clock=config.clock)
    keys = KeyRing()
    serializer = Serializer(store, config.response_shape)
    api = SandboxApi(config, store, keys, serializer)
    starlette = Starlette(routes=api.routes(), exception_handlers=_error_handlers(serializer))
    # Everything is JSON, so "/participants/" gets a JSON 404 instead of a bare redirect.
    starlette.router.redirect_slashes = False
    limiter = RateLimiter(config.clock)
    request_log = RequestLog()
    faults = FaultMiddleware(starlette, config.faults, limiter, serializer.envelope)
    asgi = RequestContextMiddleware(faults, request_log)
    return SandboxApplication(asgi, config, store, keys, limiter, request_log, faults)
