-- Published triage rules documents (phrases, weights, thresholds). The newest published version is active;
-- each decision records the version that made it (triage_decision.rules_version).
create table triage_rules_version (
    version       varchar(100) primary key,
    document      text         not null,
    published_by  varchar(128) not null,
    published_at  timestamptz  not null
);
create index triage_rules_version_newest on triage_rules_version (published_at desc);
