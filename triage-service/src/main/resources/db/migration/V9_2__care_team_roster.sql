-- Care-team members triage has seen: a clinician or staff member whose verified token put them in a care team's
-- group (/care-teams/<team>/...) when they used the work API. Reassigning an item to a person requires that person
-- to be on the item's team roster, seen within careline.triage.roster.valid-for (30 days). User ids only.
create table care_team_member (
    care_team     varchar(128) not null,
    user_id       varchar(128) not null,
    last_seen_at  timestamptz  not null,
    primary key (care_team, user_id)
);
