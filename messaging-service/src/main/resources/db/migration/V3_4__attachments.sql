-- Attachments (issue 3): metadata here, content behind AttachmentStore. The database store keeps the
-- content in chunks so a download streams chunk by chunk instead of loading the file whole.
create table attachment (
    id             uuid         primary key,
    thread_id      uuid         not null references message_thread (id),
    uploaded_by    varchar(255) not null,
    uploader_role  varchar(32)  not null,
    media_type     varchar(64)  not null,
    size_bytes     bigint       not null,
    sha256         varchar(64)  not null,
    created_at     timestamptz  not null
);
create index attachment_thread on attachment (thread_id, created_at);

create table attachment_chunk (
    id             uuid    primary key,
    attachment_id  uuid    not null references attachment (id),
    seq            integer not null,
    data           bytea   not null,
    constraint attachment_chunk_seq unique (attachment_id, seq)
);
