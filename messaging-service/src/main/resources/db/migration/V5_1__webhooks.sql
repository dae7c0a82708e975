-- Signed webhooks to EHR vendors (issue 11). A subscription names a target URL and the events it wants;
-- its secrets sign each delivery (Standard Webhooks). A delivery row is written in the transaction of the
-- thread change it announces and sent by the dispatcher until the receiver accepts it (at least once).
create table webhook_subscription (
    id           uuid         primary key,
    owner_client varchar(255) not null,
    target_url   varchar(2000) not null,
    event_types  varchar(500) not null,
    care_team    varchar(100),
    description  varchar(200),
    status       varchar(20)  not null,
    created_by   varchar(255) not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create index webhook_subscription_owner on webhook_subscription (owner_client, id);

-- Signing secrets; during a rotation a subscription has two, and each delivery carries both signatures.
create table webhook_secret (
    id              uuid         primary key,
    subscription_id uuid         not null references webhook_subscription (id),
    secret          varchar(200) not null,
    created_at      timestamptz  not null,
    expires_at      timestamptz
);
create index webhook_secret_subscription on webhook_secret (subscription_id);

-- One row per (event, subscription). The id is the webhook-id header: the receiver's idempotency key, the
-- same on every retry and replay. The payload (a FHIR Communication, message text included) is kept only
-- until the delivery succeeds. last_error is a code (http-500, timeout...), never a response body.
create table webhook_delivery (
    id              uuid         primary key,
    subscription_id uuid         not null references webhook_subscription (id),
    event_type      varchar(50)  not null,
    thread_id       uuid         not null,
    message_id      uuid,
    patient_id      varchar(64)  not null,
    payload         text,
    state           varchar(20)  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      varchar(100),
    delivered_at    timestamptz,
    created_at      timestamptz  not null
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where state = 'PENDING';
create index webhook_delivery_by_subscription on webhook_delivery (subscription_id, state, created_at desc, id desc);
