"""The Chinese names of the indicators module's audit actions (the audit log shows these, never the codes)."""

from __future__ import annotations

from fazhi.core.action_labels import register_audit_labels

LABELS = {
    "indicators.set.import": "导入指标体系",
    "indicators.set.copy": "复制指标体系",
    "indicators.node.update": "修改指标",
    "indicators.self_due.set": "设定自评期限",
    "indicators.self.assess": "单位自评",
    "indicators.self.submit": "提交自评",
    "indicators.review.score": "评审打分",
    "indicators.review.return": "退回补充佐证材料",
    "indicators.results.freeze": "冻结考核结果",
    "indicators.assessment.export": "导出考核评价",
    "indicators.external.assign": "指派第三方评估账号",
    "indicators.external.revoke": "收回第三方评估账号",
    "indicators.duty_report.record": "登记述职述法",
    "indicators.duty_report.export": "导出述职述法",
    "indicators.study.record": "登记学法活动",
    "indicators.test.import": "导入法治能力测试成绩",
    "indicators.adviser.register": "登记法律顾问",
    "indicators.adviser.engage": "聘请法律顾问",
    "indicators.adviser.opinion": "登记法律顾问工作",
    "indicators.survey.create": "创建满意度调查",
    "indicators.survey.state": "开启或关闭满意度调查",
    "indicators.survey.codes": "发放调查码",
    "indicators.survey.answer": "提交满意度调查答卷",
}
register_audit_labels(LABELS)
