-- Issue 11: message to visit, and the directory of secure providers.

-- A thread converted into a visit request. The note stays here (and in the thread), never in an event.
create table visit_request (
    id                     uuid         primary key,
    thread_id              uuid         not null references message_thread (id),
    patient_id             varchar(255) not null,
    care_team              varchar(255) not null,
    visit_type             varchar(16)  not null,
    reason                 varchar(32)  not null,
    note                   varchar(2000),
    source                 varchar(16)  not null,
    requested_by           varchar(255),
    requested_by_role      varchar(16),
    requested_by_credential varchar(32),
    reply_message_id       uuid         not null,
    status                 varchar(16)  not null,
    requested_at           timestamptz  not null
);
-- At most one open visit request per thread (a second one is a 409).
create unique index visit_request_open_per_thread on visit_request (thread_id) where status = 'OPEN';
create index visit_request_patient on visit_request (patient_id, requested_at);

-- Who accepts secure messages: one row per care team (clinician = '') and per clinician of a team.
-- A team or clinician without a row accepts messages (the default keeps earlier behaviour).
create table directory_entry (
    care_team          varchar(255) not null,
    clinician          varchar(255) not null default '',
    display_name       varchar(200),
    credential         varchar(32),
    accepts_messages   boolean      not null,
    turnaround_hours   integer      check (turnaround_hours between 1 and 720),
    updated_by         varchar(255) not null,
    updated_at         timestamptz  not null,
    primary key (care_team, clinician)
);
create index directory_entry_clinician on directory_entry (clinician);
