"""The audit chain becomes keyed (HMAC-SHA256 under REPAIR_AUDIT_KEY) and PostgreSQL refuses
TRUNCATE too, with triggers that fire even under `session_replication_role = replica`.

The existing chain is re-keyed: checked under its first scheme (plain SHA-256), then every row
re-hashed under the key, in order, and one `audit.rekeyed` event appended that records how
many rows were re-keyed, the old head hash and whether the old chain was intact. The triggers
are off for the re-keying only; this migration runs as the table's owner (docs/operations.md).
"""

from django.db import migrations
from django.utils import timezone

TRIGGERS = """
CREATE OR REPLACE FUNCTION accounts_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    -- A test database is emptied between tests (TRUNCATE) by its owner, who says so for the
    -- session; the owner could switch the trigger off as well, which is why the checkpoints
    -- exist. The application's role is not the owner: for it, nothing passes.
    IF TG_OP = 'TRUNCATE'
       AND current_setting('repair.audit_truncate', true) = 'test-database'
       AND pg_has_role(current_user,
                       (SELECT tableowner FROM pg_tables
                        WHERE tablename = TG_TABLE_NAME AND schemaname = TG_TABLE_SCHEMA),
                       'MEMBER') THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'accounts_auditevent is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS accounts_auditevent_no_truncate ON accounts_auditevent;
CREATE TRIGGER accounts_auditevent_no_truncate
    BEFORE TRUNCATE ON accounts_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_auditevent_append_only();
ALTER TABLE accounts_auditevent ENABLE ALWAYS TRIGGER accounts_auditevent_append_only;
ALTER TABLE accounts_auditevent ENABLE ALWAYS TRIGGER accounts_auditevent_no_truncate;
REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON accounts_auditevent FROM PUBLIC;
DO $$
DECLARE grantee_name name;
BEGIN
    -- Every role but the owner only reads and appends (deploy/postgres/app-role.sql).
    FOR grantee_name IN
        SELECT DISTINCT grantee FROM information_schema.role_table_grants
        WHERE table_name = 'accounts_auditevent' AND table_schema = current_schema()
          AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES')
          AND grantee <> 'PUBLIC'
          AND grantee <> (SELECT tableowner FROM pg_tables
                          WHERE tablename = 'accounts_auditevent'
                            AND schemaname = current_schema())
    LOOP
        EXECUTE format(
            'REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON accounts_auditevent FROM %I',
            grantee_name);
    END LOOP;
END $$;
"""

TRIGGERS_BACK = """
DROP TRIGGER IF EXISTS accounts_auditevent_no_truncate ON accounts_auditevent;
ALTER TABLE accounts_auditevent ENABLE TRIGGER accounts_auditevent_append_only;
"""


def _rekey(apps, schema_editor):
    from accounts.audit import GENESIS_HASH, audit_event_hash, audit_event_hash_unkeyed

    AuditEvent = apps.get_model("accounts", "AuditEvent")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(
            "ALTER TABLE accounts_auditevent DISABLE TRIGGER accounts_auditevent_append_only"
        )
    old_prev, new_prev, intact, count = GENESIS_HASH, GENESIS_HASH, True, 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != old_prev or audit_event_hash_unkeyed(event=event) != event.hash:
            intact = False
        old_prev = event.hash
        event.prev_hash = new_prev
        event.hash = audit_event_hash(event=event)
        AuditEvent.objects.filter(pk=event.pk).update(prev_hash=event.prev_hash, hash=event.hash)
        new_prev, count = event.hash, count + 1
    if postgresql:
        schema_editor.execute(
            "ALTER TABLE accounts_auditevent ENABLE TRIGGER accounts_auditevent_append_only"
        )
    if count:
        event = AuditEvent(
            occurred_at=timezone.now(),
            action="audit.rekeyed",
            data={
                "scheme": "hmac-sha256",
                "events": count,
                "previous_head": old_prev,
                "previous_chain_intact": intact,
            },
            prev_hash=new_prev,
        )
        event.hash = audit_event_hash(event=event)
        event.save(force_insert=True)


def _triggers(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("accounts", "0008_user_bound_session")]

    operations = [
        migrations.RunPython(_rekey, migrations.RunPython.noop),
        migrations.RunPython(_triggers(TRIGGERS), _triggers(TRIGGERS_BACK)),
    ]
