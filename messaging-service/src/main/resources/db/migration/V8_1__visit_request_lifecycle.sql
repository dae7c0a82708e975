-- Issue 11: a visit request is scheduled, completed or cancelled by the EHR integration or the care team.
alter table visit_request add column appointment_at timestamptz;
alter table visit_request add column cancel_reason varchar(32);
alter table visit_request add column updated_by varchar(255);
alter table visit_request add column updated_at timestamptz;
-- A scheduled request is still the thread's active one: at most one OPEN or SCHEDULED request per thread.
drop index visit_request_open_per_thread;
create unique index visit_request_active_per_thread on visit_request (thread_id) where status in ('OPEN', 'SCHEDULED');
