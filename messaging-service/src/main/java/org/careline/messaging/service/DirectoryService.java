package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.DirectoryEntry;
import org.careline.messaging.config.AutoReplyConfig;
import org.careline.messaging.config.MessagingConfig;
import org.careline.messaging.repository.DirectoryRepository;
import org.careline.messaging.repository.OutOfOfficeRepository;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The directory of secure providers: the care teams (and their clinicians) a caller may message, whether each
 * accepts messages now, how fast it answers and who is out of office. Scope: a patient sees their own care
 * teams (token's team, or the default, and the teams of their threads); a caregiver those of a patient under a
 * live proxy grant; clinicians and staff their own teams; an admin every team. Admins manage the rows.
 */
@ApplicationScoped
public class DirectoryService {

    static final String RESOURCE = "Directory";
    static final String ENTRY = "DirectoryEntry";

    private final DirectoryRepository directory;
    private final OutOfOfficeRepository outOfOffice;
    private final CallerScopes scopes;
    private final AuditTrail audit;
    private final AuditedTransactions transactions;
    private final MessagingConfig config;
    private final AutoReplyConfig autoReplies;
    private final Clock clock;

    public DirectoryService(DirectoryRepository directory, OutOfOfficeRepository outOfOffice, CallerScopes scopes,
                            AuditTrail audit, AuditedTransactions transactions, MessagingConfig config,
                            AutoReplyConfig autoReplies, Clock clock) {
        this.directory = directory;
        this.outOfOffice = outOfOffice;
        this.scopes = scopes;
        this.audit = audit;
        this.transactions = transactions;
        this.config = config;
        this.autoReplies = autoReplies;
        this.clock = clock;
    }

    /** The teams the caller may message (for {@code patientId}: a caregiver's patient), each with its clinicians. */
    public Uni<List<DirectoryView.Team>> list(Caller caller, String patientId) {
        return transactions.run(caller, () -> teamsFor(caller, patientId).chain(teams -> directory.ofTeams(teams)
                .chain(rows -> view(teams, rows))
                .call(() -> scopedPatient(caller, patientId) == null ? Uni.createFrom().voidItem()
                        : audit.record(caller, AuditAction.QUERY, RESOURCE, scopedPatient(caller, patientId),
                        scopedPatient(caller, patientId), AuditOutcome.SUCCESS))));
    }

    /** Sets a team's row ({@code clinician} null) or a clinician's; admin only, audited. */
    public Uni<DirectoryEntry> put(Caller caller, DirectoryChange change) {
        requireAdmin(caller);
        String clinician = change.clinician() == null ? DirectoryEntry.TEAM : change.clinician();
        String id = resourceId(change.careTeam(), clinician);
        return transactions.run(caller, () -> directory.entry(change.careTeam(), clinician).chain(existing -> {
            DirectoryEntry entry = existing != null ? existing : new DirectoryEntry();
            entry.careTeam = change.careTeam();
            entry.clinician = clinician;
            entry.displayName = change.displayName();
            entry.credential = change.credential();
            entry.acceptsMessages = change.acceptsMessages();
            entry.turnaroundHours = change.turnaroundHours();
            entry.updatedBy = caller.username() != null ? caller.username() : caller.userId();
            entry.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Uni<DirectoryEntry> saved = existing != null ? Uni.createFrom().item(entry) : directory.persist(entry);
            return saved.call(() -> audit.record(caller, existing != null ? AuditAction.UPDATE : AuditAction.CREATE,
                            ENTRY, id, null, AuditOutcome.SUCCESS))
                    .invoke(() -> Log.infof("directory entry %s set by %s (accepts messages: %s)", id,
                            caller.userId(), change.acceptsMessages()));
        }));
    }

    /** Removes a clinician from a team's directory (they then accept messages as before: the default). */
    public Uni<Void> remove(Caller caller, String careTeam, String clinician) {
        requireAdmin(caller);
        String id = resourceId(careTeam, clinician);
        return transactions.run(caller, () -> directory.entry(careTeam, clinician).chain(existing -> {
            if (existing == null) {
                throw ProblemException.notFound("No directory entry " + id + ".");
            }
            return directory.delete(existing)
                    .chain(() -> audit.record(caller, AuditAction.DELETE, ENTRY, id, null, AuditOutcome.SUCCESS));
        }));
    }

    /**
     * Refuses (422) a patient's message to a care team, or a clinician of it, that does not accept secure
     * messages, pointing to the care team instead. No row: accepted. Call inside a session.
     */
    public Uni<Void> requireAccepting(String careTeam, String clinician) {
        return directory.entry(careTeam, DirectoryEntry.TEAM).chain(team -> {
            if (team != null && !team.acceptsMessages) {
                throw new ProblemException(422, "care-team-not-accepting-messages", "Unprocessable Content",
                        "This care team does not accept secure messages now; please call the office.");
            }
            if (clinician == null || clinician.isBlank()) {
                return Uni.createFrom().voidItem();
            }
            return directory.entry(careTeam, clinician).invoke(row -> {
                if (row != null && !row.acceptsMessages) {
                    throw new ProblemException(422, "clinician-not-accepting-messages", "Unprocessable Content",
                            "This clinician does not accept secure messages; write to the care team (" + careTeam
                                    + ") without naming a clinician. GET /api/v1/directory lists who does.");
                }
            }).replaceWithVoid();
        });
    }

    private Uni<List<String>> teamsFor(Caller caller, String patientId) {
        if (caller.isPatient()) {
            if (patientId != null && !patientId.equals(caller.patientId())) {
                throw denied("A patient can only see their own care teams.", patientId);
            }
            String own = caller.careTeam() != null && !caller.careTeam().isBlank() ? caller.careTeam()
                    : config.defaultCareTeam();
            return directory.teamsOfPatient(caller.patientId()).map(teams -> sorted(own, teams));
        }
        if (caller.hasRole(Roles.CAREGIVER) && !caller.isCareTeamMember()) {
            if (patientId == null || patientId.isBlank()) {
                throw ProblemException.badRequest("patientId is required when a caregiver reads the directory.");
            }
            return scopes.of(caller).chain(scope -> {
                if (!scope.proxyPatients().containsKey(patientId)) {
                    throw new Denied(new ProblemException(403, "proxy-grant-required", "Forbidden",
                            "Reading a patient's care teams needs an active proxy grant."), AuditAction.QUERY,
                            RESOURCE, patientId, patientId, AuditOutcome.DENIED);
                }
                return directory.teamsOfPatient(patientId).map(teams -> sorted(config.defaultCareTeam(), teams));
            });
        }
        if (caller.isCareTeamMember()) {
            return Uni.createFrom().item(List.copyOf(new TreeSet<>(caller.careTeams())));
        }
        if (caller.hasRole(Roles.ADMIN)) {
            return directory.allTeams().map(teams -> sorted(config.defaultCareTeam(), teams));
        }
        throw denied("Your role does not give access to the directory.", patientId);
    }

    /** The patient whose care relationships the caller reads (audited), or null for care-team and admin views. */
    private static String scopedPatient(Caller caller, String patientId) {
        if (caller.isPatient()) {
            return caller.patientId();
        }
        return caller.hasRole(Roles.CAREGIVER) && !caller.isCareTeamMember() ? patientId : null;
    }

    private Uni<List<DirectoryView.Team>> view(List<String> teams, List<DirectoryEntry> rows) {
        Map<String, DirectoryEntry> teamRows = new TreeMap<>();
        Map<String, List<DirectoryEntry>> clinicianRows = new TreeMap<>();
        for (DirectoryEntry row : rows) {
            if (row.isTeam()) {
                teamRows.put(row.careTeam, row);
            } else {
                clinicianRows.computeIfAbsent(row.careTeam, t -> new ArrayList<>()).add(row);
            }
        }
        Instant now = clock.instant();
        return Multi.createFrom().iterable(teams)
                .onItem().transformToUniAndConcatenate(team -> {
                    DirectoryEntry teamRow = teamRows.get(team);
                    boolean teamAccepts = teamRow == null || teamRow.acceptsMessages;
                    Integer teamHours = teamRow == null ? null : teamRow.turnaroundHours;
                    return Multi.createFrom().iterable(clinicianRows.getOrDefault(team, List.of()))
                            .onItem().transformToUniAndConcatenate(row -> outOfOffice.activeAt(row.clinician, now)
                                    .map(away -> clinician(row, teamAccepts, teamHours, away)))
                            .collect().asList()
                            .map(clinicians -> new DirectoryView.Team(team,
                                    teamRow == null ? null : teamRow.displayName, teamAccepts, teamHours,
                                    turnaround(teamHours), clinicians));
                })
                .collect().asList();
    }

    private DirectoryView.Clinician clinician(DirectoryEntry row, boolean teamAccepts, Integer teamHours,
                                              org.careline.messaging.OutOfOffice away) {
        Integer hours = row.turnaroundHours != null ? row.turnaroundHours : teamHours;
        return new DirectoryView.Clinician(row.clinician, row.displayName, row.credential,
                teamAccepts && row.acceptsMessages, hours, turnaround(hours),
                away == null ? null : new DirectoryView.Away(away.endsAt, away.delegateId));
    }

    private String turnaround(Integer hours) {
        if (hours == null) {
            return autoReplies.turnaround();
        }
        if (hours % 24 == 0) {
            return hours / 24 + (hours == 24 ? " day" : " days");
        }
        return hours + (hours == 1 ? " hour" : " hours");
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Only an admin manages the directory.");
        }
    }

    private static Denied denied(String detail, String patientId) {
        return new Denied(ThreadAccessPolicy.forbidden(detail), AuditAction.QUERY, RESOURCE, patientId, patientId,
                AuditOutcome.DENIED);
    }

    private static List<String> sorted(String first, List<String> others) {
        TreeSet<String> teams = new TreeSet<>(others);
        teams.add(first);
        return List.copyOf(teams);
    }

    private static String resourceId(String careTeam, String clinician) {
        return DirectoryEntry.TEAM.equals(clinician) ? careTeam : careTeam + "/" + clinician;
    }
}
