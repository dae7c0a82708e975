-- E-visit windows, decisions, charges, and the facts they rest on (time logs, EHR encounters,
-- established-patient status, consent). Identifiers and codes only: no message text, no diagnoses
-- beyond the EHR's problem codes on encounters.

alter table episode add column billing_group     varchar(128);
-- the window's exclusive end (it starts at opened_at: the first physician/QHP or nonphysician review)
alter table episode add column window_end        timestamptz;
alter table episode add column patient_initiated boolean      not null default true;
alter table episode add column code_family       varchar(32);
alter table episode add column reason            varchar(40);
alter table episode add column decided_at        timestamptz;
-- the rule trace of the last decision (JSON array of {rule, passed, detail}); ids, codes and numbers only
alter table episode add column trace             text;
alter table episode add column version           integer      not null default 0;
update episode set billing_group = care_team where billing_group is null;
alter table episode alter column billing_group set not null;
create index episode_due on episode (status, window_end);
create index episode_open on episode (patient_id, billing_group, status);

-- A thread may belong to successive episodes (a later inquiry on an old thread): surrogate key.
alter table episode_thread add column id uuid;
update episode_thread set id = gen_random_uuid() where id is null;
alter table episode_thread drop constraint episode_thread_pkey;
alter table episode_thread add primary key (id);
alter table episode_thread alter column id set not null;
alter table episode_thread add constraint episode_thread_unique unique (thread_id, episode_id);
create index episode_thread_thread on episode_thread (thread_id);

-- Time logged by care-team members (careline.messaging.time-logged.v1), one row per reply.
create table time_entry (
    message_id          varchar(128) primary key,
    thread_id           uuid         not null,
    patient_id          varchar(128) not null,
    care_team           varchar(128) not null,
    billing_group       varchar(128) not null,
    episode_id          uuid references episode (id),
    clinician_id        varchar(128) not null,
    clinician_role      varchar(16)  not null,
    credential          varchar(16),
    minutes             integer      not null check (minutes between 1 and 1440),
    clinical_assessment boolean      not null,
    patient_initiated   boolean      not null,
    topic               varchar(32),
    logged_at           timestamptz  not null,
    received_at         timestamptz  not null
);
create index time_entry_episode on time_entry (episode_id);
create index time_entry_clinician on time_entry (clinician_id, episode_id);

-- One charge per opened episode: its billing lifecycle.
create table charge (
    id            uuid primary key,
    episode_id    uuid         not null unique references episode (id),
    patient_id    varchar(128) not null,
    billing_group varchar(128) not null,
    status        varchar(32)  not null,
    code          varchar(16),
    code_family   varchar(32),
    minutes       integer      not null default 0,
    reason        varchar(40),
    void_reason   varchar(40),
    service_start timestamptz  not null,
    service_end   timestamptz  not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    submitted_at  timestamptz,
    version       integer      not null default 0
);
create index charge_status_page on charge (status, created_at desc, id desc);
create index charge_page on charge (created_at desc, id desc);

-- Services the EHR reports: E/M visits and procedures (with their global period).
create table encounter (
    id                uuid primary key,
    external_id       varchar(128) not null unique,
    patient_id        varchar(128) not null,
    encounter_date    date         not null,
    kind              varchar(32)  not null,
    problem_codes     varchar(400),
    global_period_end date,
    recorded_by       varchar(128) not null,
    recorded_at       timestamptz  not null
);
create index encounter_patient on encounter (patient_id, encounter_date);

-- Established-patient status as the EHR reports it.
create table patient_status (
    patient_id  varchar(128) primary key,
    established boolean      not null,
    reported_by varchar(128) not null,
    updated_at  timestamptz  not null
);

-- Consent to possible e-visit charges (cost-sharing applies): kept, never overwritten.
create table consent (
    id           uuid primary key,
    patient_id   varchar(128) not null,
    text_version varchar(32)  not null,
    recorded_by  varchar(128) not null,
    recorder_role varchar(16) not null,
    recorded_at  timestamptz  not null
);
create index consent_patient on consent (patient_id, recorded_at desc);

-- the clinicians whose time counted for the charge's code (user ids, comma-separated): the ChargeItem performers
alter table charge add column performer_ids varchar(2000);
