-- The work list: who holds an item, when it was completed, when it was escalated as overdue.
alter table queue_item add column assignee varchar(128);
alter table queue_item add column assigned_at timestamptz;
alter table queue_item add column completed_by varchar(128);
alter table queue_item add column completed_at timestamptz;
alter table queue_item add column overdue_escalated_at timestamptz;
create index queue_item_overdue on queue_item (due_at) where status = 'OPEN' and overdue_escalated_at is null;

-- A clinician's correction of a decision: kept with who and when, exportable as training feedback.
-- No message text: the message id lets a training pipeline fetch the text from messaging under its own access rules.
create table triage_correction (
    id              uuid primary key,
    decision_id     uuid         not null references triage_decision (id),
    thread_id       uuid         not null,
    message_id      varchar(128) not null,
    care_team       varchar(128) not null,
    rules_version   varchar(128) not null,
    from_urgency    varchar(16)  not null,
    from_category   varchar(16)  not null,
    to_urgency      varchar(16)  not null,
    to_category     varchar(16)  not null,
    corrected_by    varchar(128) not null,
    corrected_at    timestamptz  not null
);
create index triage_correction_time on triage_correction (corrected_at, id);
