"""Audit event codes of the annual report, with their Chinese labels."""

from enum import StrEnum

from fazhi.core.action_labels import register_audit_labels


class ReportEvent(StrEnum):
    TEMPLATE_CREATED = "reports.template.created"
    TEMPLATE_SAVED = "reports.template.saved"
    TEMPLATE_SECTION_ADDED = "reports.template.section_added"
    TEMPLATE_SECTION_RENAMED = "reports.template.section_renamed"
    TEMPLATE_SECTION_MOVED = "reports.template.section_moved"
    TEMPLATE_SECTION_REMOVED = "reports.template.section_removed"
    CREATED = "reports.report.created"
    SECTION_SAVED = "reports.section.saved"
    FROZEN = "reports.report.frozen"
    GENERATED = "reports.report.generated"
    CONTRIBUTION_SENT = "reports.contribution.sent"
    CONTRIBUTION_SUBMITTED = "reports.contribution.submitted"
    CONTRIBUTION_MERGED = "reports.contribution.merged"
    SECRECY_REVIEWED = "reports.secrecy.reviewed"
    APPROVED = "reports.report.approved"
    PUBLISHED = "reports.report.published"
    SUBMITTED = "reports.report.submitted"


register_audit_labels(
    {
        ReportEvent.TEMPLATE_CREATED.value: "新建年度报告模板",
        ReportEvent.TEMPLATE_SAVED.value: "修改年度报告模板",
        ReportEvent.TEMPLATE_SECTION_ADDED.value: "年度报告模板增加小标题",
        ReportEvent.TEMPLATE_SECTION_RENAMED.value: "年度报告模板修改小标题",
        ReportEvent.TEMPLATE_SECTION_MOVED.value: "年度报告模板调整小标题顺序",
        ReportEvent.TEMPLATE_SECTION_REMOVED.value: "年度报告模板删除小标题",
        ReportEvent.CREATED.value: "新建法治政府建设年度报告",
        ReportEvent.SECTION_SAVED.value: "修改年度报告段落",
        ReportEvent.FROZEN.value: "年度报告定稿（冻结数据）",
        ReportEvent.GENERATED.value: "生成年度报告文档",
        ReportEvent.CONTRIBUTION_SENT.value: "下发年度报告供稿任务",
        ReportEvent.CONTRIBUTION_SUBMITTED.value: "提交年度报告供稿",
        ReportEvent.CONTRIBUTION_MERGED.value: "采用年度报告供稿",
        ReportEvent.SECRECY_REVIEWED.value: "年度报告保密审查",
        ReportEvent.APPROVED.value: "年度报告主要负责人审批",
        ReportEvent.PUBLISHED.value: "年度报告门户公开",
        ReportEvent.SUBMITTED.value: "年度报告报送",
    }
)
