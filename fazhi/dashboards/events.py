"""Audit event types of the dashboards module."""

from enum import StrEnum

from fazhi.core.action_labels import register_audit_labels


class DashboardEvent(StrEnum):
    BOUNDARY_UPLOADED = "dashboards.boundary.upload"


register_audit_labels({DashboardEvent.BOUNDARY_UPLOADED.value: "上传区县界文件"})
