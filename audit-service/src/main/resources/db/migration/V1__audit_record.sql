-- The audit store: one row per access to patient data, as reported by any Careline service through
-- its outbox and the careline.audit.records topic. Identifiers only: no message text, no names.
--
-- Append-only. Rows are written once by the consumer (insert ... on conflict (event_id) do nothing)
-- and never changed: the trigger below rejects every UPDATE, DELETE and TRUNCATE, whoever issues it.
-- Later work builds on this table rather than replacing it:
--   * an insert-only database role for the writer (the service stops connecting as the table owner),
--     so that dropping or disabling the trigger needs a different, audited credential;
--   * a per-partition hash chain: (kafka_topic, kafka_partition, kafka_offset) orders each chain and
--     raw_event holds the exact bytes received, so the chain can be computed from what was stored;
--   * signed checkpoints, verification, FHIR AuditEvent export and retention (6 years).
create table audit_record (
    -- store order; the chain and the query cursor use it as the tie-breaker
    id               bigint generated always as identity primary key,
    -- the CloudEvent id: redelivery of the same event stores nothing more
    event_id         varchar(255) not null,
    event_source     varchar(255) not null,
    event_type       varchar(255) not null,
    -- who
    source_service   varchar(128) not null,
    user_id          varchar(128) not null,
    username         varchar(255),
    role             varchar(64),
    client_id        varchar(255),
    source_address   varchar(64),
    -- what, on what, whose
    action           varchar(16)  not null,
    resource_type    varchar(128) not null,
    resource_id      varchar(128),
    patient_id       varchar(128),
    purpose_of_use   varchar(32),
    outcome          varchar(16)  not null,
    request_id       varchar(128),
    -- when: at the source, and when this store accepted it
    occurred_at      timestamptz  not null,
    received_at      timestamptz  not null,
    -- where it came from in Kafka (null when it did not come through Kafka)
    kafka_topic      varchar(255),
    kafka_partition  integer,
    kafka_offset     bigint,
    -- the Kafka record value exactly as received (a CloudEvent carrying identifiers only)
    raw_event        text         not null,
    constraint audit_record_event_id unique (event_id)
);

-- The query API reads newest first, optionally by patient or by user, with a keyset cursor.
create index audit_record_occurred on audit_record (occurred_at desc, id desc);
create index audit_record_patient on audit_record (patient_id, occurred_at desc, id desc);
create index audit_record_user on audit_record (user_id, occurred_at desc, id desc);
-- The later per-partition hash chain walks records in Kafka order.
create index audit_record_kafka_position on audit_record (kafka_topic, kafka_partition, kafka_offset);

-- Append-only at the database level. A statement-level trigger fires even when no row matches, and
-- TRUNCATE (which skips row triggers) is covered too. Superusers and the table owner can still
-- disable the trigger: the insert-only role and the hash chain of the later work close that gap.
create function audit_record_reject_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_record is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Audit records are written once and never changed or removed.';
end;
$$;

create trigger audit_record_append_only
    before update or delete or truncate on audit_record
    for each statement execute function audit_record_reject_change();

comment on table audit_record is
    'Append-only audit trail of accesses to patient data (HIPAA 164.312(b)); UPDATE/DELETE/TRUNCATE are rejected by trigger audit_record_append_only.';
