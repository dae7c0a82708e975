package org.careline.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.careline.events.Category;
import org.careline.events.Urgency;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "careline.triage")
public interface TriageConfig {

    /** The classpath resource holding the rule-based classifier's rules (phrases are data, not code). */
    @WithDefault("triage-rules.json")
    String rulesResource();

    /**
     * Whether the statistical layer (shipped weights {@code triage-model-weights.json}) may raise the rules'
     * urgency; off, the rules decide alone and decisions record the rules version only.
     */
    @WithDefault("true")
    boolean modelEnabled();

    /** Which care-team pool gets a thread. */
    Routing routing();

    /** How long a queue item may wait, by urgency, counted on the practice's business-hours calendar. */
    Turnaround turnaround();

    /** The practice's business hours, which URGENT and ROUTINE due times follow. */
    Calendar calendar();

    /** Overdue detection and escalation. */
    Overdue overdue();

    /** The live stream of queue changes (Server-Sent Events), shared by every instance through PostgreSQL. */
    Stream stream();

    /** The care-team roster triage learns from verified tokens (who may be given an item). */
    Roster roster();

    interface Stream {

        /** How often an idle stream sends a comment line, so that proxies keep the connection open. */
        @WithDefault("20s")
        Duration heartbeat();

        /** How long the change log keeps changes for reconnecting clients ({@code Last-Event-ID}). */
        @WithDefault("24h")
        Duration retention();

        /** How often the scheduler deletes changes older than the retention. */
        @WithDefault("10m")
        String cleanupEvery();

        /** Page size of a replay from the change log (a reconnecting client reads page after page). */
        @WithDefault("1000")
        int replayPage();

        /** Delay before the listener reconnects after a lost connection (doubling up to 30 s). */
        @WithDefault("500ms")
        Duration reconnectDelay();
    }

    interface Roster {

        /** How long a member stays on a team's roster after triage last saw them in the team's group. */
        @WithDefault("30d")
        Duration validFor();
    }

    interface Calendar {

        /** The practice's time zone. */
        @WithDefault("America/New_York")
        ZoneId zone();

        /** When the practice opens on a business day. */
        @WithDefault("08:00")
        LocalTime opens();

        /** When the practice closes on a business day: URGENT work is due by then. */
        @WithDefault("17:00")
        LocalTime closes();

        /** The business days of the week. */
        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        Set<DayOfWeek> days();

        /** Closed dates (ISO, e.g. 2026-12-25). */
        Optional<List<LocalDate>> holidays();
    }

    interface Overdue {

        /** How often the scheduler looks for overdue items. */
        @WithDefault("60s")
        String every();

        /** The pool an overdue item moves to (in the same care team); empty: it stays in its queue. */
        Optional<String> escalationPool();
    }

    interface Routing {

        /**
         * Routing table, tried in order before the per-category defaults below: the first route whose given
         * fields (care team, urgency, category; an absent field matches anything) match sends the thread to its
         * queue. E.g. {@code careline.triage.routing.table[0].care-team=cardiology},
         * {@code ...table[0].category=TEST_RESULTS}, {@code ...table[0].queue=nurse-pool}.
         */
        Optional<List<Route>> table();

        interface Route {
            Optional<String> careTeam();

            Optional<Urgency> urgency();

            Optional<Category> category();

            String queue();

            default boolean matches(String team, Urgency u, Category c) {
                return careTeam().map(team::equals).orElse(true) && urgency().map(u::equals).orElse(true)
                        && category().map(c::equals).orElse(true);
            }
        }

        /** The pool of every EMERGENT thread, whatever its category: no one waits for a pool to notice it. */
        @WithDefault("physicians")
        String emergent();

        /** The pool of MEDICATION threads. */
        @WithDefault("refill-pool")
        String medication();

        /** The pool of APPOINTMENT threads. */
        @WithDefault("front-desk")
        String appointment();

        /** The pool of ADMINISTRATIVE threads (forms, letters, records). */
        @WithDefault("front-desk")
        String administrative();

        /** The pool of BILLING threads. */
        @WithDefault("billing-office")
        String billing();

        /** The pool of TEST_RESULTS threads. */
        @WithDefault("nurse-pool")
        String testResults();

        /** The pool of CLINICAL threads. */
        @WithDefault("nurse-pool")
        String clinical();

        /** The pool that catches the rest (OTHER). */
        @WithDefault("nurse-pool")
        String defaultPool();

        default String queueFor(String careTeam, Urgency urgency, Category category) {
            for (Route route : table().orElse(List.of())) {
                if (route.matches(careTeam, urgency, category)) {
                    return route.queue();
                }
            }
            if (urgency == Urgency.EMERGENT) {
                return emergent();
            }
            return switch (category) {
                case MEDICATION -> medication();
                case APPOINTMENT -> appointment();
                case ADMINISTRATIVE -> administrative();
                case BILLING -> billing();
                case TEST_RESULTS -> testResults();
                case CLINICAL -> clinical();
                case OTHER -> defaultPool();
            };
        }
    }

    interface Turnaround {

        /** Time to act on an EMERGENT message before it is overdue. */
        @WithDefault("15m")
        Duration emergent();

        /**
         * Business days an URGENT message may take: 0 is the close of the business day it arrives on (the next
         * business day's close when it arrives after hours).
         */
        @WithDefault("0")
        int urgentBusinessDays();

        /** Business days a ROUTINE message may take, counted like URGENT ones. */
        @WithDefault("2")
        int routineBusinessDays();
    }
}
