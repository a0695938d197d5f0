"""SQLite storage for audits. Nothing outside this package writes audit data."""

from .audit_store import AuditStore
from .database import StoreDamagedError, StoreError, StoreTooNewError, StoreWriteError
from .lock import DataFolderInUse, FolderLock

__all__ = ["AuditStore", "DataFolderInUse", "FolderLock", "StoreDamagedError", "StoreError",
           "StoreTooNewError", "StoreWriteError"]
