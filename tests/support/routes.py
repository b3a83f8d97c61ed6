"""Walking a service's documented routes: each (method, path) and the roles its dependency serves."""

import re

from fastapi.routing import APIRoute

PUBLIC = re.compile(r"^/(health/|openapi.json|docs|redoc|\.well-known/jwks\.json$|api/v1/auth/(sign-in|refresh)$)")


def served_roles(route: APIRoute) -> frozenset[str] | None:
    """The roles the route's role dependency lets in, or None when it has none."""
    pending = list(route.dependant.dependencies)
    while pending:
        dependency = pending.pop()
        if hasattr(dependency.call, "allowed_roles"):
            return dependency.call.allowed_roles
        pending.extend(dependency.dependencies)
    return None


def api_routes(routes):
    # FastAPI 0.16x wraps included routers; their routes keep full paths (no include prefixes here).
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from api_routes(route.original_router.routes)


def guarded_routes(app):
    """Every documented (method, path, served roles), path parameters filled in."""
    documented = {(m.upper(), p) for p, ops in app.openapi()["paths"].items() for m in ops if not PUBLIC.match(p)}
    found = {
        (method, route.path): route
        for route in api_routes(app.routes)
        if route.include_in_schema
        for method in route.methods
        if (method, route.path) in documented
    }
    assert set(found) == documented, "the walk must see every documented operation"
    for (method, path), route in sorted(found.items()):
        yield method, re.sub(r"{[^}]+}", "x", path), served_roles(route)


def routes(app):
    """Every documented (method, path) behind a token, path parameters filled in."""
    for method, path, _roles in guarded_routes(app):
        yield method, path
