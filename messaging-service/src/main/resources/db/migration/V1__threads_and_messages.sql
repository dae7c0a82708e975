create table message_thread (
    id                 uuid primary key,
    patient_id         varchar(64)  not null,
    care_team          varchar(100) not null,
    subject            varchar(200) not null,
    topic              varchar(32)  not null,
    status             varchar(32)  not null,
    created_by         varchar(255) not null,
    created_by_role    varchar(32)  not null,
    patient_initiated  boolean      not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);
create index message_thread_patient on message_thread (patient_id, updated_at desc);
create index message_thread_care_team on message_thread (care_team, updated_at desc);

create table message (
    id                 uuid primary key,
    thread_id          uuid         not null references message_thread (id),
    author_id          varchar(255) not null,
    author_role        varchar(32)  not null,
    author_credential  varchar(16),
    body               text         not null,
    posted_at          timestamptz  not null
);
create index message_thread_posted on message (thread_id, posted_at);
