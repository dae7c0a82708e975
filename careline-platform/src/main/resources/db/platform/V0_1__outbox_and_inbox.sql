-- Owned by careline-platform, applied by each service into its own database (Flyway location db/platform).

-- Transactional outbox: a state change and the event announcing it commit together;
-- the relay publishes in id order and marks each row published.
create table outbox_event (
    id             bigserial primary key,
    event_id       uuid        not null unique,
    topic          varchar(255) not null,
    record_key     varchar(255) not null,
    event_type     varchar(255) not null,
    payload        text        not null,
    created_at     timestamptz not null default now(),
    published_at   timestamptz
);
create index outbox_event_unpublished on outbox_event (id) where published_at is null;

-- Idempotent consumers: an event id is processed once per consumer.
create table processed_event (
    consumer       varchar(100) not null,
    event_id       varchar(255) not null,
    processed_at   timestamptz not null default now(),
    primary key (consumer, event_id)
);
