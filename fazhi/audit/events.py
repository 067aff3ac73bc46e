"""Audit actions of the foundation. Feature modules declare theirs in their own events.py (names: <entity>.<verb>)."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    LOGIN = "auth.login"
    LOGIN_FAILED = "auth.login_failed"
    ACCOUNT_LOCKED = "auth.account_locked"
    LOGOUT = "auth.logout"
    PASSWORD_CHANGED = "auth.password_changed"
    OTP_ENROLLED = "auth.otp_enrolled"
    AUDIT_EXPORTED = "audit.exported"
    AUDIT_PURGED = "audit.purged"
    PII_UNMASKED = "pii.unmasked"
