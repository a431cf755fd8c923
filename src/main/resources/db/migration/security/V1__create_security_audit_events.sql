-- The audit log: every change asked of Atrium (a request other than GET/HEAD/OPTIONS, a sign-in or
-- sign-out), who asked, from where, and how it was answered. Bodies are never stored.
CREATE TABLE security_audit_events (
  id             bigserial PRIMARY KEY,
  occurred_at    timestamptz NOT NULL DEFAULT now(),
  actor          text NOT NULL,        -- Identity.name(): an email, guest, a token's name
  actor_type     text NOT NULL,        -- USER, GUEST, SERVICE, ANONYMOUS
  method         text NOT NULL,        -- POST, PUT, DELETE, ..., or SIGN-IN / SIGN-OUT
  path           text NOT NULL,        -- without the query string
  status         integer NOT NULL,     -- the answer's HTTP status
  remote_address text NOT NULL
);
CREATE INDEX security_audit_events_actor_idx ON security_audit_events (actor, id DESC);
