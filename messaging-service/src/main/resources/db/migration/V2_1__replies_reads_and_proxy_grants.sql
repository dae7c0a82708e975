-- Threads follow the conversation: who it is addressed to ("reply directly to me"), when it closed.
alter table message_thread add column addressed_to varchar(255);
alter table message_thread add column closed_at timestamptz;
create index message_thread_addressed_to on message_thread (addressed_to, updated_at desc) where addressed_to is not null;
create index message_thread_open_by_activity on message_thread (updated_at) where status <> 'CLOSED';
create index message_thread_updated on message_thread (updated_at desc, id desc);

-- Care-team replies may log time for e-visit billing.
alter table message add column time_spent_minutes integer check (time_spent_minutes between 1 and 1440);
alter table message add column clinical_assessment boolean;

-- Read receipts: one row per thread and reader, moved forward on each read.
create table thread_read (
    thread_id            uuid         not null references message_thread (id),
    reader_id            varchar(255) not null,
    reader_role          varchar(32)  not null,
    last_read_message_id uuid         not null,
    read_at              timestamptz  not null,
    primary key (thread_id, reader_id)
);

-- Caregiver (proxy) access to a patient, granted by staff or an administrator.
create table proxy_grant (
    id                 uuid primary key,
    caregiver          varchar(255) not null,
    patient_id         varchar(64)  not null,
    scope              varchar(16)  not null check (scope in ('READ', 'READ_WRITE')),
    expires_at         timestamptz  not null,
    granted_by         varchar(255) not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    revoked_at         timestamptz
);
create index proxy_grant_caregiver on proxy_grant (caregiver, expires_at);
create index proxy_grant_patient on proxy_grant (patient_id, created_at desc);
