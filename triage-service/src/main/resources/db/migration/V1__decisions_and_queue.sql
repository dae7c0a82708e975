-- Triage keeps the decision about each message, never its text (no subject, no body).
create table triage_decision (
    id              uuid primary key,
    thread_id       uuid         not null,
    message_id      varchar(128) not null unique,
    patient_id      varchar(128) not null,
    care_team       varchar(128) not null,
    urgency         varchar(16)  not null,
    category        varchar(16)  not null,
    confidence      double precision not null,
    explanation     varchar(1000) not null,
    rules_version   varchar(128) not null,
    decided_at      timestamptz  not null
);
create index triage_decision_thread on triage_decision (thread_id, decided_at desc);

-- The work a thread puts in a care-team pool. One OPEN item per thread; later messages update it.
create table queue_item (
    id               uuid primary key,
    thread_id        uuid         not null,
    patient_id       varchar(128) not null,
    care_team        varchar(128) not null,
    queue            varchar(128) not null,
    urgency          varchar(16)  not null,
    priority         integer      not null,
    due_at           timestamptz  not null,
    status           varchar(16)  not null,
    last_message_id  varchar(128) not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null
);
create unique index queue_item_one_open_per_thread on queue_item (thread_id) where status = 'OPEN';
create index queue_item_work_list on queue_item (care_team, queue, priority, due_at) where status = 'OPEN';
