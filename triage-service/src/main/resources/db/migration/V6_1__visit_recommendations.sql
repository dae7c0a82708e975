-- Issue 11: a triage visit rule recommended converting the thread into a visit request (codes only).
alter table triage_decision add column visit_rule_id varchar(100);
alter table triage_decision add column visit_type varchar(16);
alter table triage_decision add column visit_reason varchar(32);
