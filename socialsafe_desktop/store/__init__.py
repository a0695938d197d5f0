"""SQLite storage for audits. Nothing outside this package writes audit data."""

from .audit_store import AuditStore
from .database import StoreError, StoreTooNewError, StoreWriteError

__all__ = ["AuditStore", "StoreError", "StoreTooNewError", "StoreWriteError"]
