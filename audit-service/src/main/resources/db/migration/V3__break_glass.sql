-- Break-the-glass grants: a clinician outside a patient's care team states a reason and gets emergency access
-- for a limited time; every grant waits for an auditor's review. The reason is free text and stays here: it is
-- never put in an event, a log line or the append-only audit record (which holds identifiers only).
create table break_glass_grant (
    id              uuid         primary key,
    user_id         varchar(128) not null,
    username        varchar(255),
    patient_id      varchar(128) not null,
    reason          varchar(2000) not null,
    granted_at      timestamptz  not null,
    expires_at      timestamptz  not null,
    -- the review: null until an auditor looked at it
    reviewed_at     timestamptz,
    reviewed_by     varchar(128),
    review_outcome  varchar(32),
    constraint break_glass_grant_period check (expires_at > granted_at),
    constraint break_glass_grant_review check ((reviewed_at is null) = (reviewed_by is null)
                                               and (reviewed_at is null) = (review_outcome is null))
);
create index break_glass_grant_unreviewed on break_glass_grant (granted_at desc, id) where reviewed_at is null;
create index break_glass_grant_granted on break_glass_grant (granted_at desc, id);

-- The writer inserts grants and may record the review, nothing else: who, whom, why and when stay as granted.
revoke all on break_glass_grant from public;
grant select, insert on break_glass_grant to ${writer_role};
grant update (reviewed_at, reviewed_by, review_outcome) on break_glass_grant to ${writer_role};
