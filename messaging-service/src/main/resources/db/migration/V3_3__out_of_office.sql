-- Out-of-office delegation (issue 3). A clinician's away period and delegate.
create table out_of_office (
    id            uuid         primary key,
    clinician_id  varchar(255) not null,
    delegate_id   varchar(255) not null,
    starts_at     timestamptz  not null,
    ends_at       timestamptz  not null,
    time_zone     varchar(64)  not null,
    created_by    varchar(255) not null,
    created_at    timestamptz  not null,
    constraint out_of_office_period check (starts_at < ends_at)
);
create index out_of_office_clinician on out_of_office (clinician_id, ends_at);

-- When an out-of-office delegate took a thread over (see addressed_to), on whose behalf.
alter table message_thread add column if not exists on_behalf_of varchar(255);
