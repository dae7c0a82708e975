-- Workload analytics: one PHI-free fact per posted message (no text, no subject, no patient id), from
-- message-posted (consumer triage.workload). Kinds: PATIENT (a patient's or caregiver's message: work
-- received), CARE_TEAM (a clinician's or staff member's reply), AUTO_REPLY (the practice's automatic reply).
create table workload_message (
    message_id         varchar(128) primary key,
    thread_id          uuid         not null,
    care_team          varchar(128) not null,
    kind               varchar(16)  not null,
    -- the care-team member or the system author; null for the patient's side (no patient identifier here)
    author_id          varchar(128),
    author_role        varchar(16)  not null,
    posted_at          timestamptz  not null,
    -- outside the practice's business hours (careline.triage.calendar.*) when it was posted
    after_hours        boolean      not null,
    -- replies: the thread's latest patient message at or before the reply (its pool is the reply's pool)
    in_reply_to        varchar(128),
    -- patient messages: the first care-team reply at or after it (automatic replies do not count)
    first_response_at  timestamptz,
    first_response_by  varchar(128)
);
create index workload_message_time on workload_message (posted_at, kind);
create index workload_message_unanswered on workload_message (thread_id, posted_at)
    where kind = 'PATIENT' and first_response_at is null;
create index queue_item_thread_created on queue_item (thread_id, created_at);

-- A patient message with its triage urgency and the pool whose queue item held it (the thread's latest item
-- created at or before the decision: its current queue, after any reassignment), and who held or completed it.
-- Resolved when read, because the workload consumer and the triage consumer read the topic independently.
create view workload_patient_message as
select p.message_id, p.thread_id, p.care_team, p.posted_at, p.after_hours, p.first_response_at,
       p.first_response_by, d.urgency, q.queue as pool, q.holder
from workload_message p
left join triage_decision d on d.message_id = p.message_id
left join lateral (
    select qi.queue, coalesce(qi.completed_by, qi.assignee) as holder
    from queue_item qi
    where qi.thread_id = p.thread_id and qi.created_at <= d.decided_at
    order by qi.created_at desc
    limit 1) q on true
where p.kind = 'PATIENT';
