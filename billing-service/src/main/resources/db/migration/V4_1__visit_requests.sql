-- Issue 11: threads converted into visit requests (careline.messaging.visit-requested.v1). Identifiers and
-- codes only. The time of an e-visit window in which a visit was requested rolls into the visit if an E/M
-- visit follows within the look-ahead; meanwhile the episode is held until hold_until.
create table visit_request (
    visit_request_id varchar(128) primary key,
    thread_id        uuid         not null,
    patient_id       varchar(128) not null,
    care_team        varchar(128) not null,
    source           varchar(16)  not null,
    visit_type       varchar(16)  not null,
    reason           varchar(32)  not null,
    requested_at     timestamptz  not null,
    received_at      timestamptz  not null
);
create index visit_request_patient on visit_request (patient_id, requested_at);

alter table episode add column hold_until timestamptz;
create index episode_hold_until on episode (hold_until) where hold_until is not null;
