-- Tamper evidence for the audit store: a hash chain per Kafka partition, signed checkpoints, retention anchors,
-- an insert-only writer role and a purge that only a SECURITY DEFINER function can run.
-- Placeholders (quarkus.flyway.placeholders.*): writer_role = the role the service connects as (created by the
-- operator beforehand, LOGIN, nothing else); min_retention = the youngest records the purge may ever remove.
-- This migration runs as the schema owner (quarkus.flyway.username), never as the writer.

-- 1. The hash chain. chain_id = '<kafka topic>/<partition>'; chain_seq counts from 1 without gaps;
--    record_hash = SHA-256 (hex) over the canonical form of the record (see the README), which covers prev_hash.
alter table audit_record
    add column chain_id    varchar(300),
    add column chain_seq   bigint,
    add column prev_hash   char(64),
    add column record_hash char(64);
-- NOT VALID: enforced for every new row; rows stored before this migration (none outside development) stay
-- unchained and GET /api/v1/audit/verify reports them.
alter table audit_record add constraint audit_record_chained
    check (chain_id is not null and chain_seq is not null and prev_hash is not null and record_hash is not null)
    not valid;
alter table audit_record add constraint audit_record_chain_position unique (chain_id, chain_seq);

-- 2. Signed checkpoints: (chain, seq, hash) signed with a key the database never sees; copies are exported.
create table audit_checkpoint (
    id           bigint generated always as identity primary key,
    chain_id     varchar(300) not null,
    chain_seq    bigint       not null,
    record_hash  char(64)     not null,
    created_at   timestamptz  not null,
    key_id       varchar(64)  not null,
    algorithm    varchar(32)  not null,
    signature    varchar(128) not null,
    constraint audit_checkpoint_position unique (chain_id, chain_seq)
);

-- 3. Retention anchors: where a chain starts again after a purge. next_seq is the first kept record's seq and
--    prev_hash its previous hash (the last purged record's hash, which a signed checkpoint covers).
create table audit_chain_anchor (
    chain_id       varchar(300) not null,
    next_seq       bigint       not null,
    prev_hash      char(64)     not null,
    purged_count   bigint       not null,
    purged_before  timestamptz  not null,
    created_at     timestamptz  not null default now(),
    primary key (chain_id, next_seq)
);

-- 4. Append-only everywhere; DELETE on audit_record only inside audit_purge (which sets a transaction-local flag;
--    the writer role cannot use the flag: it has no DELETE privilege, checked before any trigger runs).
create or replace function audit_record_reject_change() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' and tg_table_name = 'audit_record'
            and coalesce(current_setting('careline.audit_purge', true), '') = 'on' then
        return null;
    end if;
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Audit records are written once and never changed or removed.';
end;
$$;

create trigger audit_checkpoint_append_only
    before update or delete or truncate on audit_checkpoint
    for each statement execute function audit_record_reject_change();
create trigger audit_chain_anchor_append_only
    before update or delete or truncate on audit_chain_anchor
    for each statement execute function audit_record_reject_change();

-- 5. Retention: removes the records of one chain received before p_before, a prefix of the chain only, and
--    writes the anchor. It refuses to remove records younger than min_retention, and refuses unless a signed
--    checkpoint of the last removed record exists (so the anchor can be proven later).
create function audit_purge(p_chain varchar, p_before timestamptz) returns bigint
    language plpgsql
    security definer
    set search_path = public, pg_temp
as
$$
declare
    v_cut       bigint;
    v_last_hash char(64);
    v_count     bigint;
begin
    if p_before > now() - interval '${min_retention}' then
        raise exception 'audit_purge keeps every record younger than ${min_retention}'
            using errcode = 'insufficient_privilege';
    end if;
    -- one purge per chain at a time, and never beside a writer of the same chain
    perform pg_advisory_xact_lock(hashtextextended(p_chain, 0));
    select min(chain_seq) into v_cut from audit_record where chain_id = p_chain and received_at >= p_before;
    if v_cut is null then
        select max(chain_seq) + 1 into v_cut from audit_record where chain_id = p_chain;
    end if;
    select record_hash into v_last_hash from audit_record where chain_id = p_chain and chain_seq = v_cut - 1;
    if v_last_hash is null then
        return 0;
    end if;
    if not exists (select 1 from audit_checkpoint
                   where chain_id = p_chain and chain_seq = v_cut - 1 and record_hash = v_last_hash) then
        raise exception 'audit_purge needs a signed checkpoint of the last record it removes'
            using errcode = 'object_not_in_prerequisite_state';
    end if;
    perform set_config('careline.audit_purge', 'on', true);
    delete from audit_record where chain_id = p_chain and chain_seq < v_cut;
    get diagnostics v_count = row_count;
    perform set_config('careline.audit_purge', 'off', true);
    insert into audit_chain_anchor (chain_id, next_seq, prev_hash, purged_count, purged_before)
    values (p_chain, v_cut, v_last_hash, v_count, p_before);
    return v_count;
end;
$$;

-- 6. The writer: INSERT and SELECT on the evidence, nothing else; it may run the purge function only.
revoke all on audit_record, audit_checkpoint, audit_chain_anchor from public;
revoke all on function audit_purge(varchar, timestamptz) from public;
grant select, insert on audit_record, audit_checkpoint to ${writer_role};
grant select on audit_chain_anchor to ${writer_role};
grant execute on function audit_purge(varchar, timestamptz) to ${writer_role};
-- the platform's outbox (the relay marks rows published) and inbox
grant select, insert, update on outbox_event to ${writer_role};
grant select, insert on processed_event to ${writer_role};
grant usage on all sequences in schema public to ${writer_role};
