"""Errors use cases raise; the web layer turns each into its HTTP status."""


class DomainError(Exception):
    """A request the domain refuses; `status` is the HTTP status it maps to."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None, **details):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details

    def to_dict(self) -> dict:
        body = {"error": type(self).__name__, "message": self.message}
        if self.field:
            body["field"] = self.field
        return body | self.details


class Unprocessable(DomainError):
    status = 422


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409


class Forbidden(DomainError):
    status = 403


class Unauthorized(DomainError):
    status = 401
