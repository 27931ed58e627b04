"""One error hierarchy. The CLI maps it once to exit codes, the server once to HTTP statuses.

Every error carries a one-line message and, where there is one, the fix.
"""

from __future__ import annotations


class VidgenError(Exception):
    exit_code = 1
    http_status = 500
    # the message and its fix in words for a person with no shell at hand (the studio): set where the fix
    # names a setting, a flag or a command; the server sends it beside the message
    advice: str | None = None

    def __init__(self, message: str, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} — {self.fix}" if self.fix else self.message


def with_advice(exc: VidgenError, advice: str) -> VidgenError:
    """`exc` with the same said in a person's words (`VidgenError.advice`)."""
    exc.advice = advice
    return exc


class BadInput(VidgenError):
    """The user's input is wrong; retrying the same input will fail the same way."""

    exit_code = 2
    http_status = 400


class NotFound(BadInput):
    http_status = 404


class Conflict(BadInput):
    http_status = 409


class TooLarge(BadInput):
    http_status = 413


class RequestTimeout(BadInput):
    http_status = 408


class UnsupportedMediaType(BadInput):
    http_status = 415


class Forbidden(BadInput):
    """A request the server will not take from where it came (another site's page)."""

    http_status = 403


class Misdirected(BadInput):
    """A Host this server does not answer to (DNS rebinding)."""

    http_status = 421


class RateLimited(BadInput):
    http_status = 429

    def __init__(self, message: str, retry_after: int, fix: str | None = None):
        super().__init__(message, fix)
        self.retry_after = retry_after


class Unauthorized(BadInput):
    http_status = 401


class NotConfigured(BadInput):
    """A provider was asked for but its settings are missing (e.g. no API key)."""


class ProviderError(VidgenError):
    """An online provider answered badly or not at all."""

    http_status = 502


class StoreError(VidgenError):
    """The store cannot be read or written."""

    http_status = 503


class DiskFull(StoreError):
    """No room left to write: the same words on every write path (503 over HTTP, exit 1)."""


def disk_full(where: object) -> DiskFull:
    return DiskFull(f"the disk is full (no space left in {where})", "free some disk space, then try again")


def is_disk_full(exc: BaseException) -> bool:
    """ENOSPC or EDQUOT, or numpy's short write ("N requested and M written"), which carries no errno."""
    import errno

    if not isinstance(exc, OSError):
        return False
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return exc.errno is None and " requested and " in str(exc) and str(exc).endswith(" written")


class RenderError(VidgenError):
    pass


class Cancelled(VidgenError):
    exit_code = 130
    http_status = 409
