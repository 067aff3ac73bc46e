"""PostgreSQL: the database itself refuses UPDATE and DELETE on audit rows (等保 安全审计 c), except the retention
purge, which sets fazhi.audit_purge for its own transaction. SQLite relies on the model and queryset guards."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION fazhi_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('fazhi.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '审计记录只能追加，不能修改或删除';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION fazhi_audit_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS fazhi_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
