"""Every file padplanner writes goes through here: atomic, private, never through a link.

:func:`write_file` (text or bytes) and :func:`atomic_path` (for a library that writes a file
by name, such as SQLite's backup) give these guarantees:

- **Atomic.** The content goes to a new temporary file in the target's folder, is flushed to
  disk (``fsync``) and then renamed over the target in one step (and the folder is synced, so
  the rename survives a crash). A write that fails half-way (a full disk, a file-size limit,
  a killed process) leaves the old file as it was and no temporary file behind, except after
  ``kill -9`` or a power loss: a hidden ``.NAME.padplanner-*.tmp`` file that is never mistaken
  for the target, and which the next write into that folder removes (see :func:`sweep`).
- **Private.** The file is created with mode 0600 (only its owner reads it), whatever the
  umask: plans, reports, research files and settings all concern people. Only files that
  hold no personal data and are meant to be shared (a new plugin package's sources) are
  written with the usual mode (0666 minus the umask), when the caller says ``private=False``.
- **Never through a link.** A target that is a symbolic link (dangling or not) is refused,
  not followed; so is a folder, a device (``/dev/full``), a pipe or a socket.
- **Never onto the store.** A target that is a SQLite database, or that is (same device and
  inode) a database this process opened or one of its ``-wal``, ``-shm`` or ``-journal``
  files (see :func:`protect`), is refused.

Every refusal and failure raises :class:`WriteError`, an :class:`InputError` naming the file
and the fix, which the command line turns into exit code 2.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from padplanner.errors import InputError, Phrased, Problem, phrased

try:
    import fcntl
except ImportError:  # Windows: no flock; temporary files are then never swept
    fcntl = None  # type: ignore[assignment]

SQLITE_HEADER = b"SQLite format 3\x00"
SIDECARS = ("", "-wal", "-shm", "-journal")
_MAX_PROTECTED = 64  # databases remembered per process (the newest are kept)
_protected: dict[str, None] = {}  # insertion-ordered set of database paths
_lock = threading.Lock()
# A temporary file: ``.NAME.padplanner-RANDOM.tmp`` (NAME cut to 120 bytes), and the files
# SQLite may put beside it while a backup fills it.
_MARK = "padplanner-"
_NAME_BYTES = 120
_TEMP = re.compile(r"\.(?:.+)\.padplanner-[a-z0-9_]{8}\.tmp(?P<sidecar>-journal|-wal|-shm)?", re.S)


class WriteError(InputError):
    """A file could not be written (or may not be): the problem names the file and the fix."""

    def __init__(self, path: str | os.PathLike, message: str):
        self.path = Path(path)
        super().__init__([Problem(str(path), "", message)])


def protect(database: str | os.PathLike) -> None:
    """Never write onto ``database`` or its ``-wal``, ``-shm`` and ``-journal`` files.

    The store calls this for every SQLite file it opens. The files are compared by device and
    inode when a write is checked, so another name for the same file (a hard link, a path
    through a linked folder) is refused too.
    """
    key = os.path.abspath(database)
    with _lock:
        _protected.pop(key, None)
        _protected[key] = None
        while len(_protected) > _MAX_PROTECTED:
            del _protected[next(iter(_protected))]


def _protected_ids() -> set[tuple[int, int]]:
    with _lock:
        paths = list(_protected)
    ids = set()
    for database in paths:
        for suffix in SIDECARS:
            try:
                info = os.stat(database + suffix)
            except OSError:
                continue
            ids.add((info.st_dev, info.st_ino))
    return ids


def _refusal(path: Path) -> Phrased | None:
    """Why ``path`` may not be written, or None when it is a new or ordinary file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return phrased("file.check", reason=exc.strerror)
    if stat.S_ISLNK(info.st_mode):
        try:
            os.stat(path)
            return phrased("file.link", target=os.readlink(path))
        except OSError:
            return phrased("file.link.dangling")
    if stat.S_ISDIR(info.st_mode):
        return phrased("file.folder")
    if not stat.S_ISREG(info.st_mode):
        return phrased("file.special")
    if (info.st_dev, info.st_ino) in _protected_ids():
        return phrased("file.caseload")
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError:
        head = b""
    if head == SQLITE_HEADER:
        return phrased("file.sqlite")
    return None


def _failure(exc: OSError, path: Path, existed: bool) -> str:
    """A plain sentence for an OS error while writing ``path``, with the fix; the system's own
    reason (``strerror``) stays as the system gives it."""
    said = _said_failure(exc, path)
    if existed and said.key not in ("file.no_folder", "file.not_folder"):
        return phrased("file.kept", problem=said)
    return said


def _said_failure(exc: OSError, path: Path) -> Phrased:
    code, reason, folder = exc.errno, exc.strerror or str(exc), str(path.parent)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return phrased("file.full", reason=reason)
    if code == errno.EFBIG:
        return phrased("file.too_large", reason=reason)
    if code in (errno.EACCES, errno.EPERM):
        return phrased("file.denied", folder=folder, reason=reason)
    if code == errno.EROFS:
        return phrased("file.read_only")
    if code == errno.ENOENT:
        return phrased("file.no_folder", folder=folder)
    if code == errno.ENOTDIR:
        return phrased("file.not_folder", folder=folder)
    return phrased("file.cannot", reason=reason)


def _umask() -> int:
    # There is no way to read the umask without setting it; the brief value is the strictest.
    with _lock:
        current = os.umask(0o077)
        os.umask(current)
    return current


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the rename itself is done
        pass
    finally:
        os.close(fd)


def _place(temp: Path, path: Path, overwrite: bool) -> None:
    """Move the finished ``temp`` onto ``path`` in one step."""
    if overwrite:
        os.replace(temp, path)
        return
    try:  # a hard link fails if the target exists: creating it is atomic and never replaces
        os.link(temp, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(path):  # a file system without hard links: check, then rename
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(temp, path)
        return
    os.unlink(temp)


@contextmanager
def atomic_path(
    path: str | os.PathLike,
    *,
    private: bool = True,
    overwrite: bool = True,
    make_folder: bool = False,
) -> Iterator[Path]:
    """A temporary file to fill by name; on success it replaces ``path`` atomically.

    ``overwrite=False`` refuses an existing ``path`` (also one that appears meanwhile);
    ``make_folder`` creates missing folders (mode 0700). If the block raises, the temporary
    file (and a SQLite ``-journal`` of it) is removed and ``path`` is left as it was. OS
    errors become :class:`WriteError`.
    """
    path = Path(path)
    if not path.name or path.name in (".", ".."):
        raise WriteError(path, phrased("file.name"))
    refusal = _refusal(path)
    if refusal is not None:
        raise WriteError(path, refusal)
    existed = os.path.lexists(path)
    if existed and not overwrite:
        raise WriteError(path, phrased("file.exists"))
    folder = path.parent
    if make_folder:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise WriteError(path, _failure(exc, path, existed)) from None
    sweep(folder)
    try:
        fd, temp = _create_temp(folder, path.name)
    except OSError as exc:
        raise WriteError(path, _failure(exc, path, existed)) from None
    try:
        os.fchmod(fd, 0o600 if private else 0o666 & ~_umask())
        yield temp
        synced = os.open(temp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            os.fsync(synced)
        finally:
            os.close(synced)
        refusal = _refusal(path)  # the target may have changed while we wrote
        if refusal is not None:
            raise WriteError(path, refusal)
        _place(temp, path, overwrite)
    except FileExistsError:
        _discard(temp)
        raise WriteError(path, phrased("file.exists")) from None
    except OSError as exc:
        _discard(temp)
        raise WriteError(path, _failure(exc, path, existed)) from None
    except BaseException:
        _discard(temp)
        raise
    finally:
        os.close(fd)  # releases the lock only now: the file is in place or gone
    _sync_folder(folder)


def _discard(temp: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with suppress(OSError):
            os.unlink(f"{temp}{suffix}")


def _temp_prefix(name: str) -> str:
    """``.NAME.padplanner-``, NAME cut to whole characters within 120 bytes, so that the
    temporary file's name (and a ``-journal`` beside it) stays within 255 bytes."""
    cut = name.encode("utf-8", "surrogateescape")[:_NAME_BYTES]
    return f".{cut.decode('utf-8', 'ignore') or '_'}.{_MARK}"


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """A new temporary file for ``name`` in ``folder``, open and locked (``flock``) for as long
    as its writer lives: the lock is how :func:`sweep` tells a live writer's file from one
    left by a writer that was killed."""
    while True:
        fd, temp = tempfile.mkstemp(prefix=_temp_prefix(name), suffix=".tmp", dir=folder)
        if fcntl is None:
            return fd, Path(temp)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # waits only while a sweep looks at this very file
        except OSError:  # a file system without locks: sweeps never take such a file either
            return fd, Path(temp)
        if os.fstat(fd).st_nlink > 0:
            return fd, Path(temp)
        # a sweep took the file between its creation and the lock, and removed it: again
        os.close(fd)


def sweep(folder: str | os.PathLike) -> list[Path]:
    """Remove the temporary files that writers killed outright (``kill -9``, a power loss)
    left in ``folder``; returns what was removed.

    Only files named as this module names its temporary files are considered, only regular
    files of this user, and only those that no live writer holds: each writer keeps an
    exclusive ``flock`` on its temporary file from its creation until it is renamed into
    place or removed, the kernel drops the lock when the process dies, and a sweep removes a
    file only while holding that lock itself. This holds across processes and containers on
    one machine, is immune to reused process ids and needs no clock. (On a network file
    system the lock is as good as its locking; at worst a live write then fails with a
    message, the target unchanged.) A ``-journal``, ``-wal`` or ``-shm`` file whose temporary
    file is gone is removed too. Without ``flock`` (Windows) nothing is swept.
    """
    if fcntl is None:
        return []
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []
    present = set(names)
    removed = []
    for name in names:
        found = _TEMP.fullmatch(name)
        if found is None:
            continue
        path = Path(folder, name)
        sidecar = found.group("sidecar")
        if sidecar:
            if name[: -len(sidecar)] not in present and _own_regular(path):
                with suppress(OSError):
                    os.unlink(path)
                    removed.append(path)
        elif _take_stale(path):
            removed.append(path)
    return removed


def _own_regular(path: Path) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()


def _take_stale(path: Path) -> bool:
    """Remove ``path`` (and what SQLite put beside it) if no live writer holds it."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a live writer holds it (or the file system cannot lock: leave it)
            return False
        try:  # still the same file under this name (not renamed into place meanwhile)?
            now = os.lstat(path)
        except OSError:
            return False
        if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
            return False
        _discard(path)
        return True
    finally:
        os.close(fd)


def write_file(
    path: str | os.PathLike,
    content: str | bytes,
    *,
    private: bool = True,
    overwrite: bool = True,
    make_folder: bool = False,
) -> Path:
    """Write ``content`` (text as UTF-8) to ``path`` atomically; see :func:`atomic_path`."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = Path(path)
    with atomic_path(path, private=private, overwrite=overwrite, make_folder=make_folder) as temp:
        fd = os.open(temp, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0))
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        finally:
            os.close(fd)
    return path
