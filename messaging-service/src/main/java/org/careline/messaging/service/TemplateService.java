package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.MessageTemplate;
import org.careline.messaging.config.AutoReplyConfig;
import org.careline.messaging.repository.TemplateRepository;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Quick-text templates of care teams. Care-team members manage their own teams' templates, an admin
 * every team's; another team's template answers 404 like a missing one. Placeholders are checked when
 * a template is saved and filled from data we hold when it is used. Each use case runs in
 * {@link AuditedTransactions}: a refusal (another team's template or team) rolls back and leaves a DENIED
 * audit record, like the other refusals of the service.
 */
@ApplicationScoped
public class TemplateService {

    /** Placeholders a template may use. We hold no patient names, so none is about the patient. */
    public static final Set<String> PLACEHOLDERS = Set.of("careTeam", "clinician", "turnaround", "date",
            "nextBusinessDay");
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final String RESOURCE = "Template";
    private static final String NOT_FOUND = "No template with this id is visible to you.";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US);

    private final TemplateRepository templates;
    private final AuditedTransactions transactions;
    private final PracticeSchedule schedule;
    private final AutoReplyConfig autoReplies;
    private final Clock clock;

    public TemplateService(TemplateRepository templates, AuditedTransactions transactions, PracticeSchedule schedule,
                           AutoReplyConfig autoReplies, Clock clock) {
        this.templates = templates;
        this.transactions = transactions;
        this.schedule = schedule;
        this.autoReplies = autoReplies;
        this.clock = clock;
    }

    public Uni<MessageTemplate> create(Caller caller, TemplateCommand command) {
        return transactions.run(caller, () -> {
            String team = owningTeam(caller, command.careTeam());
            Placeholders.check(command.body(), PLACEHOLDERS);
            return created(caller, team, command);
        });
    }

    private Uni<MessageTemplate> created(Caller caller, String team, TemplateCommand command) {
        Instant now = clock.instant();
        MessageTemplate template = new MessageTemplate();
        template.id = UUID.randomUUID();
        template.careTeam = team;
        template.name = command.name();
        template.body = command.body();
        template.createdBy = caller.userId();
        template.createdAt = now;
        template.updatedAt = now;
        return unique(template).chain(() -> templates.persist(template))
                .invoke(() -> Log.infof("template %s created for %s by %s", template.id, team, caller.userId()));
    }

    public Uni<MessageTemplate> update(Caller caller, UUID id, TemplateCommand command) {
        Placeholders.check(command.body(), PLACEHOLDERS);
        return transactions.run(caller, () -> visible(caller, id, AuditAction.UPDATE).chain(template -> {
            if (command.careTeam() != null && !command.careTeam().equals(template.careTeam)) {
                throw ProblemException.badRequest("A template cannot move to another care team; create a new one.");
            }
            template.name = command.name();
            template.body = command.body();
            template.updatedAt = clock.instant();
            return unique(template).replaceWith(template);
        }));
    }

    public Uni<Void> delete(Caller caller, UUID id) {
        return transactions.run(caller, () -> visible(caller, id, AuditAction.DELETE).chain(templates::delete)
                .invoke(() -> Log.infof("template %s deleted by %s", id, caller.userId())));
    }

    public Uni<MessageTemplate> find(Caller caller, UUID id) {
        return transactions.run(caller, () -> visible(caller, id, AuditAction.READ));
    }

    /** The caller's teams' templates (an admin: every team's, or {@code careTeam}'s), by name. */
    public Uni<TemplatePage> list(Caller caller, String careTeam, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_PAGE + ".");
        }
        TemplateCursor after = cursor == null ? null : TemplateCursor.decode(cursor);
        return transactions.run(caller, () -> {
            Set<String> teams;
            if (isAdmin(caller)) {
                teams = careTeam == null ? null : Set.of(careTeam);
            } else if (careTeam != null) {
                if (!caller.belongsToCareTeam(careTeam)) {
                    throw denied("You can only list the templates of a care team you belong to.", AuditAction.QUERY);
                }
                teams = Set.of(careTeam);
            } else {
                teams = caller.careTeams();
            }
            if (teams != null && teams.isEmpty()) {
                return Uni.createFrom().item(new TemplatePage(List.of(), null));
            }
            return page(teams, after, size);
        });
    }

    private Uni<TemplatePage> page(Set<String> teams, TemplateCursor after, int size) {
        return templates.page(teams, after == null ? null : after.name(), after == null ? null : after.id(), size + 1)
                .map(found -> {
                    List<MessageTemplate> page = found.size() > size ? found.subList(0, size) : found;
                    MessageTemplate last = page.isEmpty() ? null : page.get(page.size() - 1);
                    String next = found.size() > size ? new TemplateCursor(last.name, last.id).encode() : null;
                    return new TemplatePage(List.copyOf(page), next);
                });
    }

    /**
     * The template's text with its placeholders filled for the caller now. A reply that references a
     * template id uses this too.
     */
    public Uni<String> render(Caller caller, UUID id) {
        return transactions.run(caller, () -> visible(caller, id, AuditAction.READ)
                .map(template -> Placeholders.fill(template.body, values(caller, template))));
    }

    private Map<String, String> values(Caller caller, MessageTemplate template) {
        Instant now = clock.instant();
        Map<String, String> values = new HashMap<>();
        values.put("careTeam", template.careTeam);
        String name = caller.username() != null ? caller.username() : caller.userId();
        values.put("clinician", caller.credential() != null ? name + ", " + caller.credential() : name);
        values.put("turnaround", autoReplies.turnaround());
        values.put("date", DATE.format(now.atZone(schedule.zone())));
        values.put("nextBusinessDay", DAY.format(schedule.nextBusinessDay(now)));
        return values;
    }

    /** The template if the caller's teams hold it; another team's answers 404 like a missing one, audited DENIED. */
    private Uni<MessageTemplate> visible(Caller caller, UUID id, AuditAction action) {
        return templates.findById(id).map(template -> {
            if (template == null) {
                throw new Denied(ProblemException.notFound(NOT_FOUND), action, RESOURCE, id.toString(), null,
                        AuditOutcome.FAILED);
            }
            if (!(isAdmin(caller) || caller.belongsToCareTeam(template.careTeam))) {
                throw new Denied(ProblemException.notFound(NOT_FOUND), action, RESOURCE, id.toString(), null,
                        AuditOutcome.DENIED);
            }
            return template;
        });
    }

    private Uni<Void> unique(MessageTemplate template) {
        return templates.nameTaken(template.careTeam, template.name, template.id).map(taken -> {
            if (taken) {
                throw ProblemException.conflict("This care team already has a template with this name.");
            }
            return null;
        });
    }

    private static String owningTeam(Caller caller, String requested) {
        if (isAdmin(caller)) {
            if (requested == null) {
                throw ProblemException.badRequest("careTeam is required when an admin creates a template.");
            }
            return requested;
        }
        if (requested == null) {
            if (caller.careTeams().size() != 1) {
                throw ProblemException.badRequest("careTeam is required: you belong to several care teams.");
            }
            return caller.careTeams().iterator().next();
        }
        if (!caller.belongsToCareTeam(requested)) {
            throw denied("You can only write templates for a care team you belong to.", AuditAction.CREATE);
        }
        return requested;
    }

    private static boolean isAdmin(Caller caller) {
        return caller.hasRole(Roles.ADMIN);
    }

    private static Denied denied(String detail, AuditAction action) {
        return new Denied(ThreadAccessPolicy.forbidden(detail), action, RESOURCE, null, null, AuditOutcome.DENIED);
    }
}
