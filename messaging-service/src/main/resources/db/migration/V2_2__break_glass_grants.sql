-- Break-the-glass grants announced by audit-service: a clinician may read one patient's threads until expires_at.
create table break_glass_grant (
    grant_id    varchar(128) primary key,
    user_id     varchar(255) not null,
    patient_id  varchar(64)  not null,
    granted_at  timestamptz  not null,
    expires_at  timestamptz  not null
);
create index break_glass_grant_user on break_glass_grant (user_id, expires_at);
