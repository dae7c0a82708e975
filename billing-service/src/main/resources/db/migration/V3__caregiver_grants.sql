-- Caregivers' proxy grants as messaging-service announces them (careline.messaging.proxy-grant-changed.v1):
-- the newest state of each grant by changed_at. Identifiers, scope and times only.
create table caregiver_grant (
    grant_id    varchar(128) primary key,
    caregiver   varchar(128) not null,
    patient_id  varchar(128) not null,
    scope       varchar(16)  not null,
    expires_at  timestamptz  not null,
    revoked_at  timestamptz,
    changed_at  timestamptz  not null
);
create index caregiver_grant_pair on caregiver_grant (caregiver, patient_id);
