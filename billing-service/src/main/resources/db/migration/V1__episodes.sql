-- E-visit billing episodes. Billing never holds message text.
create table episode (
    id              uuid primary key,
    patient_id      varchar(128) not null,
    care_team       varchar(128) not null,
    status          varchar(32)  not null,
    -- when a physician/QHP first reviewed the inquiry: starts the 7-day window (null until then)
    opened_at       timestamptz,
    total_minutes   integer      not null default 0,
    -- CPT/HCPCS code once decided (99421-99423, 98970-98972), null until then
    code            varchar(16),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create index episode_patient_page on episode (patient_id, created_at desc, id desc);

-- The patient-initiated threads an episode covers. A thread belongs to one episode at most.
create table episode_thread (
    thread_id        uuid primary key,
    episode_id       uuid         not null references episode (id),
    topic            varchar(32),
    thread_opened_at timestamptz  not null
);
create index episode_thread_episode on episode_thread (episode_id);
