-- The live work-queue feed shared by every triage instance (README "Live stream"). A committed change to a queue
-- item is a row here, written in the change's own transaction (no dual write). Identifiers and codes only: no
-- patient id, no text. Rows are kept for careline.triage.stream.retention (24 h) so that a reconnecting client
-- (SSE Last-Event-ID) gets what it missed; QueueChangeLog deletes older ones.
create sequence queue_change_seq;

create table queue_change (
    id          bigserial    primary key,
    -- the SSE event id: assigned at commit, under a lock, so that ids grow in commit order (see the trigger)
    seq         bigint       unique,
    change      varchar(16)  not null,
    item_id     uuid         not null,
    thread_id   uuid         not null,
    care_team   varchar(128) not null,
    queue       varchar(128) not null,
    urgency     varchar(16)  not null,
    priority    integer      not null,
    due_at      timestamptz  not null,
    status      varchar(16)  not null,
    assignee    varchar(128),
    -- who made the change (a care-team member's user id); null for triage itself (a message, the overdue scheduler)
    actor       varchar(128),
    at          timestamptz  not null,
    logged_at   timestamptz  not null default now()
);
create index queue_change_team_seq on queue_change (care_team, seq);
create index queue_change_logged_at on queue_change (logged_at);

-- The JSON of a change as the stream carries it: {"seq":..,"change":{..the QueueChange fields..}}.
create function queue_change_json(c queue_change) returns text language sql stable as $$
    select json_build_object('seq', c.seq, 'change', json_build_object(
        'change', c.change, 'itemId', c.item_id, 'threadId', c.thread_id, 'careTeam', c.care_team,
        'queue', c.queue, 'urgency', c.urgency, 'priority', c.priority,
        'dueAt', to_char(c.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'status', c.status, 'assignee', c.assignee,
        'at', to_char(c.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))::text
$$;

-- Runs at COMMIT (deferred constraint trigger), so a rolled-back change gets no id and is never announced. The
-- transaction-level advisory lock is held from here to the end of the commit: ids are handed out in commit order,
-- so "every change after id N" (a reconnecting client) never misses one that committed later with a smaller id.
-- NOTIFY is delivered to every LISTENing instance only if the transaction commits, in commit order.
create function queue_change_committing() returns trigger language plpgsql as $$
declare
    logged queue_change;
begin
    perform pg_advisory_xact_lock(8172634501);
    update queue_change set seq = nextval('queue_change_seq') where id = new.id returning * into logged;
    perform pg_notify('careline_queue_change', queue_change_json(logged));
    return null;
end
$$;

create constraint trigger queue_change_committing after insert on queue_change
    deferrable initially deferred for each row execute function queue_change_committing();
