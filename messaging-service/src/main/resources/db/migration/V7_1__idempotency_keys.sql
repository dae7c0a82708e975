-- Idempotency-Key on POST /api/v1/threads and POST /api/v1/threads/{id}/messages (issue 10,
-- draft-ietf-httpapi-idempotency-key-header). One row per (caller, key). A request claims its key in a short
-- transaction of its own (response_status null, locked_until a lease); the answer is stored in the transaction
-- that creates the thread or message, so a key is answered once or not at all. A request that fails releases the
-- key; a claim whose process died is taken over once its lease has run out. Rows are deleted after expires_at by a
-- scheduled job. response_body is the JSON the client got (the thread, as in the threads table): kept no longer
-- than the key, never logged.
create table idempotency_key (
    caller_id         varchar(255) not null,
    idem_key          varchar(255) not null,
    fingerprint       varchar(64)  not null,
    locked_until      timestamptz,
    response_status   integer,
    response_location varchar(2000),
    response_body     text,
    resource_id       varchar(64),
    created_at        timestamptz  not null,
    expires_at        timestamptz  not null,
    primary key (caller_id, idem_key)
);
create index idempotency_key_expiry on idempotency_key (expires_at);
