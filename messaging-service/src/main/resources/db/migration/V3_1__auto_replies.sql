-- Automatic replies (issue 3, auto-replies): the message is a row of `message` written by the system
-- author; this row says why it was sent and when, for the per-thread rate limit.
create table auto_reply (
    message_id  uuid        primary key references message (id),
    thread_id   uuid        not null references message_thread (id),
    kind        varchar(32) not null,
    sent_at     timestamptz not null
);
create index auto_reply_thread_sent on auto_reply (thread_id, sent_at desc);
