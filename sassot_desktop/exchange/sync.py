"""The sync to the team's shared drive: the outbox folder mirrored into the chosen folder.

The outbox (``DataPaths.outbox``) holds the export set as colleagues should see it. A sync
copies to the shared-drive folder every file whose content is not there yet, and nothing else:

- **Incremental.** A file whose content did not change is not rewritten. The manifest
  (``exchange.manifest``) remembers each file's hash and how the drive showed it after we wrote
  it, so an unchanged file costs one look at each side, and a local file is read again only
  when its size or modification time moved.
- **Atomic.** Each file is written under a temporary name in its destination folder, flushed to
  the disk, then renamed over the old one: a colleague opening it sees the old file or the new
  one, never half of one. A drive that vanishes or fills up leaves the old files as they were
  and the temporary file removed where the drive still lets us; temporary files left by a crash
  are removed by the next sync.
- **Conflicts.** A file on the drive that someone else changed since we wrote it (or that was
  there before we ever wrote it) is never overwritten: ours goes beside it as
  ``NAME (SASSOT copy YYYY-MM-DD HHMM).ext`` and the report says so.
- **Nothing is deleted.** A file that has left the outbox stays on the drive: the folder is
  shared, and a colleague's files, or ours that they rely on, are not ours to remove.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sassot_desktop.clock import venue_now
from sassot_desktop.errors import UserError
from sassot_desktop.exchange.manifest import (
    Conflict,
    LeftOnDrive,
    LocalFile,
    Manifest,
    TargetState,
)
from sassot_desktop.paths import DataPaths
from sassot_desktop.progress import Progress

log = logging.getLogger(__name__)

TARGET_SETTING = "sync_target"
TEMPORARY_PREFIX = ".sassot-sync-"
TEMPORARY_SUFFIX = ".part"
CHUNK_BYTES = 1 << 20


class DriveUnreachable(UserError):
    """The shared-drive folder does not answer: out of the office, VPN down, share unmapped."""


@dataclass(frozen=True)
class ConflictCopy:
    """``path`` on the drive is a colleague's; ours is beside it as ``copy``."""

    path: str
    copy: str


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str  # a clause: "the shared drive is full"


@dataclass
class SyncReport:
    target: str
    copied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[ConflictCopy] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    finished_at: datetime | None = None

    @property
    def complete(self) -> bool:
        """Every file of the outbox is on the drive, in its place."""
        return not self.failed and not self.conflicts

    def lines(self) -> list[str]:
        """One line per file that went, was kept apart or failed; unchanged ones are counted."""
        lines = [f"copied     {path}" for path in self.copied]
        if self.unchanged:
            lines.append(f"unchanged  {_count(len(self.unchanged), 'file')}")
        lines += [
            f"conflict   {c.path} was changed on the drive by someone else; "
            f"ours is beside it as {c.copy}"
            for c in self.conflicts
        ]
        lines += [f"failed     {f.path}: {f.reason}" for f in self.failed]
        return lines

    def summary(self) -> str:
        """One sentence for the officer: what happened and, if something is left, what next."""
        total = len(self.copied) + len(self.unchanged) + len(self.conflicts) + len(self.failed)
        done = f"{len(self.copied)} copied, {len(self.unchanged)} unchanged"
        if self.failed:
            reason = self.failed[0].reason
            return (
                f"{_count(len(self.failed), 'file')} of {total:,} did not go to {self.target} "
                f"({reason}); {done}. The files already there are intact: "
                "reconnect or free some space, then sync again."
            )
        if self.conflicts:
            one = len(self.conflicts) == 1
            return (
                f"Synced to {self.target} ({done}), but {_count(len(self.conflicts), 'file')} "
                f"had been changed there by someone else, so ours went beside "
                f"{'it as a SASSOT copy' if one else 'them as SASSOT copies'}. Keep the right "
                "version (move or delete the other) and sync again."
            )
        return f"Synced {_count(total, 'file')} to {self.target}: {done}."


@dataclass(frozen=True)
class SyncStatus:
    """What the window's status bar says about the shared drive."""

    target: str | None
    reachable: bool
    waiting: int
    conflicts: int
    last_synced: datetime | None


def chosen_target(settings, override: str | None = None) -> str:
    """The folder to sync to: ``override`` for one run, else the one chosen in Settings."""
    target = (override or settings.get(TARGET_SETTING) or "").strip()
    if not target:
        raise UserError(
            "No shared-drive folder is chosen yet. Choose one in File → Settings…, "
            "or give one with --target."
        )
    return target


def sync(paths: DataPaths, target: str, progress: Progress | None = None) -> SyncReport:
    """Copy to ``target`` every file of the outbox whose content is not there yet."""
    progress = progress or Progress()
    _check_reachable(target)
    manifest = Manifest(paths.data_dir)
    state = manifest.target(target)
    report = SyncReport(target=target)
    outbox = _scan(paths.outbox)
    names = sorted(outbox)
    drive = _DriveListing(Path(target))
    try:
        for done, name in enumerate(names):
            progress.report(done, len(names), name)
            source = outbox[name]
            try:
                digest = _local_hash(manifest, name, source)
            except OSError:  # replaced by an export under way: it goes with the next sync
                log.warning("Outbox file %s could not be read", name, exc_info=True)
                report.failed.append(Failure(name, "it was being rewritten in the outbox"))
                continue
            try:
                _sync_file(drive, state, report, name, source, digest)
            except OSError as error:
                log.warning("Sync of %s to %s failed", name, target, exc_info=True)
                report.failed.append(Failure(name, _reason(error)))
                if not os.path.isdir(target):
                    report.failed += [
                        Failure(rest, "the shared drive went away before it was copied")
                        for rest in names[done + 1 :]
                    ]
                    break
        progress.report(len(names), len(names), "")
        for name in set(manifest.local) - set(outbox):
            del manifest.local[name]
        report.finished_at = venue_now()
        if not report.failed:
            state.last_synced = report.finished_at.isoformat(timespec="minutes")
    finally:
        manifest.save()
    return report


def read_status(paths: DataPaths, target: str | None, look_at_drive: bool = True) -> SyncStatus:
    """Files waiting to go, without touching the drive; whether it answers, if asked."""
    manifest = Manifest(paths.data_dir)
    if not target:
        waiting = len(_scan(paths.outbox))
        return SyncStatus(None, False, waiting, 0, None)
    state = manifest.target(target)
    waiting = conflicts = 0
    for name, source in _scan(paths.outbox).items():
        digest = _local_hash(manifest, name, source)
        conflict = state.conflicts.get(name)
        left = state.files.get(name)
        if conflict is not None:
            conflicts += 1
            waiting += conflict.hash != digest
        elif left is None or left.hash != digest:
            waiting += 1
    manifest.save()
    reachable = look_at_drive and os.path.isdir(target)
    last = datetime.fromisoformat(state.last_synced) if state.last_synced else None
    return SyncStatus(target, reachable, waiting, conflicts, last)


# -- one file ---------------------------------------------------------------------------------


def _sync_file(
    drive: _DriveListing,
    state: TargetState,
    report: SyncReport,
    name: str,
    source: os.DirEntry,
    digest: str,
) -> None:
    there = drive.stat(name)
    left = state.files.get(name)
    conflict = state.conflicts.get(name)
    if there is None or (left is not None and _as_left(there, left) and conflict is None):
        if there is not None and left.hash == digest:
            report.unchanged.append(name)
            return
        _put(drive, state, name, source)
        state.conflicts.pop(name, None)
        report.copied.append(name)
        return
    if conflict is not None and _as_theirs(there, conflict) and conflict.hash == digest:
        report.conflicts.append(ConflictCopy(name, conflict.copy))  # told before, still so
        return
    theirs = _hash_file(drive.path(name))
    if theirs == digest:  # the drive already holds our content: adopt it as ours
        state.files[name] = LeftOnDrive(digest, there.st_size, there.st_mtime_ns)
        state.conflicts.pop(name, None)
        report.unchanged.append(name)
        return
    if conflict is None and left is not None and theirs == left.hash:
        # Touched or copied back, but still what we wrote: ours to replace.
        _put(drive, state, name, source)
        report.copied.append(name)
        return
    copy = conflict.copy if conflict is not None and conflict.hash == digest else None
    if copy is None:
        copy = _copy_name(drive, name)
        _write(source, drive.make_folder_for(copy))
    state.conflicts[name] = Conflict(digest, copy, there.st_size, there.st_mtime_ns)
    report.conflicts.append(ConflictCopy(name, copy))


def _put(drive: _DriveListing, state: TargetState, name: str, source: os.DirEntry) -> None:
    written, shown = _write(source, drive.make_folder_for(name))
    state.files[name] = LeftOnDrive(written, shown.st_size, shown.st_mtime_ns)


def _write(source: os.DirEntry, destination: Path) -> tuple[str, os.stat_result]:
    """Copy ``source`` to ``destination`` whole or not at all; its hash and the drive's stat.

    The temporary file sits in the destination's folder so the final rename stays on one
    drive, which is what makes it atomic. On Windows the share's own permissions apply to it.
    """
    handle, temporary = tempfile.mkstemp(
        dir=destination.parent, prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX
    )
    try:
        digest = hashlib.sha256()
        with os.fdopen(handle, "wb") as out, open(source.path, "rb") as data:
            while chunk := data.read(CHUNK_BYTES):
                digest.update(chunk)
                _write_chunk(out, chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, destination)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return digest.hexdigest(), os.stat(destination)


def _write_chunk(out, chunk: bytes) -> None:
    out.write(chunk)


def _copy_name(drive: _DriveListing, name: str) -> str:
    """``People (SASSOT copy 2026-11-23 1402).xlsx``, numbered if that name is taken."""
    folder, _, file_name = name.rpartition("/")
    stem, suffix = os.path.splitext(file_name)
    stamp = f"SASSOT copy {venue_now():%Y-%m-%d %H%M}"
    for number in range(1, 1000):
        label = stamp if number == 1 else f"{stamp} {number}"
        candidate = f"{stem} ({label}){suffix}"
        candidate = f"{folder}/{candidate}" if folder else candidate
        if drive.stat(candidate) is None:
            return candidate
    raise OSError(errno.EEXIST, "too many SASSOT copies beside it")


def _as_left(there: os.stat_result, left: LeftOnDrive) -> bool:
    return there.st_size == left.size and there.st_mtime_ns == left.mtime_ns


def _as_theirs(there: os.stat_result, conflict: Conflict) -> bool:
    return there.st_size == conflict.theirs_size and there.st_mtime_ns == conflict.theirs_mtime_ns


# -- both sides -------------------------------------------------------------------------------


def _check_reachable(target: str) -> None:
    if not os.path.isdir(target):
        raise DriveUnreachable(
            f"The shared-drive folder {target} cannot be reached. Check that you are "
            "connected to the office network (or VPN) and that the folder exists, then sync "
            "again; nothing has been copied."
        )


def _scan(outbox: Path) -> dict[str, os.DirEntry]:
    """Every file of the outbox by its path relative to it, with ``/`` between folders.

    Hidden files are left out: they are half-written exports and other temporary files.
    """
    found: dict[str, os.DirEntry] = {}
    folders: list[tuple[str, str | Path]] = [("", outbox)]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                folders.append((f"{prefix}{entry.name}/", entry.path))
            elif entry.is_file():
                found[prefix + entry.name] = entry
    return found


def _local_hash(manifest: Manifest, name: str, source: os.DirEntry) -> str:
    """The content hash of an outbox file, read again only if its size or time moved."""
    facts = source.stat()
    known = manifest.local.get(name)
    if known is not None and (known.size, known.mtime_ns) == (facts.st_size, facts.st_mtime_ns):
        return known.hash
    digest = _hash_file(source.path)
    manifest.local[name] = LocalFile(facts.st_size, facts.st_mtime_ns, digest)
    return digest


def _hash_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        while chunk := data.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


class _DriveListing:
    """The drive's folders, each listed once: one directory read per folder, not one look-up
    per file, which is what a network drive answers fastest. Temporary files a crashed sync
    left behind are removed as each folder is first listed.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: dict[str, dict[str, os.stat_result]] = {}

    def path(self, name: str) -> Path:
        return self.root.joinpath(*name.split("/"))

    def make_folder_for(self, name: str) -> Path:
        """The path of ``name``, its folders created below the root, never the root itself:
        a vanished drive must fail the copy, not be recreated as an empty local folder."""
        folder = self.root
        for part in name.split("/")[:-1]:
            folder = folder / part
            with contextlib.suppress(FileExistsError):
                folder.mkdir()
        return folder / name.rpartition("/")[2]

    def stat(self, name: str) -> os.stat_result | None:
        folder, _, file_name = name.rpartition("/")
        listing = self._folders.get(folder)
        if listing is None:
            listing = self._folders[folder] = self._list(folder)
        return listing.get(file_name)

    def _list(self, folder: str) -> dict[str, os.stat_result]:
        listing: dict[str, os.stat_result] = {}
        try:
            entries = list(os.scandir(self.path(folder) if folder else self.root))
        except (FileNotFoundError, NotADirectoryError):
            return listing
        for entry in entries:
            if entry.name.startswith(TEMPORARY_PREFIX) and entry.name.endswith(TEMPORARY_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                continue
            with contextlib.suppress(OSError):
                if entry.is_file():
                    listing[entry.name] = entry.stat()
        return listing


_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_REFUSED = {errno.EACCES, errno.EPERM}
_GONE = {errno.ENOENT, errno.ENODEV, errno.EIO, getattr(errno, "ESTALE", errno.EIO)}
# Windows: network path not found, network name deleted, bad network name, connection refused.
_GONE_ON_WINDOWS = {53, 64, 67, 1231}


def _reason(error: OSError) -> str:
    if error.errno in _FULL:
        return "the shared drive is full"
    if error.errno in _REFUSED:
        return "the drive refused it: it may be open in another program, or read-only"
    if error.errno in _GONE or getattr(error, "winerror", None) in _GONE_ON_WINDOWS:
        return "the shared drive went away while it was being copied"
    return (error.strerror or type(error).__name__).lower()


def _count(number: int, one: str) -> str:
    return f"{number:,} {one}{'' if number == 1 else 's'}"
