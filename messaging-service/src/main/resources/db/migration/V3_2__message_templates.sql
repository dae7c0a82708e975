-- Quick-text templates of a care team (issue 3, templates). Staff-written text, no patient data.
create table message_template (
    id          uuid         primary key,
    care_team   varchar(100) not null,
    name        varchar(100) not null,
    body        text         not null,
    created_by  varchar(255) not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    constraint message_template_name_unique unique (care_team, name)
);
