"""SQLite storage for audits. Nothing outside this package writes audit data."""

from .audit_store import AuditStore
from .database import StoreError, StoreTooNewError

__all__ = ["AuditStore", "StoreError", "StoreTooNewError"]
