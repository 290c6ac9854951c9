"""Standard output that fails like a file: a full device is exit 2 with a message.

``padplanner plan FILE --format json > /dev/full`` used to end in an internal error (or in
Python's "Exception ignored" at exit). :class:`CheckedOutput` wraps ``sys.stdout`` while a
command runs and turns a failed write or flush into :class:`~padplanner.files.WriteError`
naming standard output and the fix. A reader that went away (``| head``) ends the command
quietly with exit code 141, as a shell reports SIGPIPE.
"""

from __future__ import annotations

import errno
import io
import os
from typing import Any, TextIO

from padplanner.files import WriteError

PIPE_CLOSED = 141  # 128 + SIGPIPE, what a shell shows for a writer whose reader went away
NAME = "standard output"


class PipeClosed(Exception):
    """The reader of standard output went away."""


class CheckedOutput(io.TextIOBase):
    """A text stream over ``stream`` whose failures name standard output and the fix."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    @property
    def stream(self) -> TextIO:
        return self._stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._stream, "errors", None) or "strict"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def write(self, text: Any) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise self._failed(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: OSError) -> Exception:
        # What is still buffered can never be written: point the descriptor at /dev/null so
        # Python's own flush at exit does not fail a second time.
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        if exc.errno == errno.EPIPE:
            return PipeClosed()
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            why = "the device is full"
        elif exc.errno == errno.EFBIG:
            why = "the file is larger than this process may write (ulimit -f)"
        else:
            why = exc.strerror or str(exc)
        return WriteError(
            NAME, f"cannot write: {why}; write to a file on another disk with -o FILE"
        )
