-- The application's own database role (compose: web, worker and beat connect as it; the
-- `migrate` job as the owner). Run as the owner, in the portal's database:
--   psql -v app_user=repair_app -v app_password=SECRET -f deploy/postgres/app-role.sql
-- The role reads and writes every table the owner creates, except that the audit trail is
-- append-only for it: no UPDATE, DELETE or TRUNCATE, and, not being the owner, it can neither
-- disable the audit table's triggers nor alter the table (docs/operations.md).
\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'app_user', :'app_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_user') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'app_user') \gexec
SELECT format('GRANT USAGE ON SCHEMA public TO %I', :'app_user') \gexec
-- Tables and sequences the owner creates from now on (migrations) ...
SELECT format(
    'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
    :'app_user') \gexec
SELECT format(
    'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I',
    :'app_user') \gexec
-- ... and those that exist already (a deployment that ran as the owner so far).
SELECT format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I',
    :'app_user') \gexec
SELECT format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', :'app_user') \gexec
-- The audit trail: read and append only. (On a new database the table does not exist yet: the
-- migration that adds the TRUNCATE trigger revokes these from every role but the owner.)
SELECT format('REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON accounts_auditevent FROM %I',
    :'app_user')
WHERE to_regclass('public.accounts_auditevent') IS NOT NULL \gexec
