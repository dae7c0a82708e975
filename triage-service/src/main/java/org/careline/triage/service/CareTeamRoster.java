package org.careline.triage.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.platform.security.Caller;
import org.careline.triage.config.TriageConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members of each care team that triage can vouch for: a clinician or staff member is put on a team's roster
 * ({@code care_team_member}, migration V9_2) when they use the work API with a verified token whose groups place them
 * in that team. A person can be given an item only if they are on the item's team roster and were seen within
 * {@code careline.triage.roster.valid-for}. Triage cannot know of members who never used the work list, nor of a
 * removal from the team before the roster entry ages out: Keycloak's groups stay the authority (README).
 */
@ApplicationScoped
public class CareTeamRoster {

    /** An instance writes a member's row at most this often (the rest of the time the row is fresh enough). */
    private static final Duration REFRESH = Duration.ofHours(1);
    private static final String UPSERT = "insert into care_team_member (care_team, user_id, last_seen_at) values "
            + "(:team, :user, :now) on conflict (care_team, user_id) do update set last_seen_at = excluded.last_seen_at";

    private final TriageConfig config;
    private final Clock clock;
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    public CareTeamRoster(TriageConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Records the caller on the rosters of their care teams (in the current session). */
    public Uni<Void> saw(Caller caller) {
        if (!caller.isCareTeamMember() || caller.userId() == null || caller.userId().length() > 128) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String team : caller.careTeams()) {
            String key = team + '\n' + caller.userId();
            Instant last = written.get(key);
            if (team.length() > 128 || (last != null && last.plus(REFRESH).isAfter(now))) {
                continue;
            }
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                    .setParameter("team", team).setParameter("user", caller.userId()).setParameter("now", now)
                    .executeUpdate())).invoke(() -> written.put(key, now)).replaceWithVoid();
        }
        return chain;
    }

    /** How long a member stays on a roster after triage last saw them. */
    public Duration validFor() {
        return config.roster().validFor();
    }

    /** Whether the user is on the team's roster and was seen within the configured period. */
    public Uni<Boolean> isMember(String careTeam, String userId) {
        Instant since = clock.instant().minus(config.roster().validFor());
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from care_team_member where care_team = :team and user_id = :user "
                                + "and last_seen_at >= :since", Long.class)
                .setParameter("team", careTeam).setParameter("user", userId).setParameter("since", since)
                .getSingleResult()).map(n -> n != null && n > 0);
    }
}
