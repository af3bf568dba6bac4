"""Errors meant for the officer: one sentence that says what happened and what to do next."""


class UserError(Exception):
    """A refusal or failure the officer can act on; its text is shown as it is.

    Anything else that escapes an operation is a bug: it is logged with its traceback and the
    person is shown a short apology pointing to the log file.
    """

    # What the command line exits with when this error ends a command.
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(UserError):
    """A record named by id (on the command line or from a stale screen) does not exist."""


class Unreadable(UserError):
    """A file given to the program could not be read at all (as opposed to some of its rows)."""

    exit_code = 2
