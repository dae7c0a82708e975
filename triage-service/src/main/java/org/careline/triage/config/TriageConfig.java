package org.careline.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.careline.events.Category;
import org.careline.events.Urgency;

import java.time.Duration;

@ConfigMapping(prefix = "careline.triage")
public interface TriageConfig {

    /** The classpath resource holding the rule-based classifier's rules (phrases are data, not code). */
    @WithDefault("triage-rules.json")
    String rulesResource();

    /** Which care-team pool gets a thread. */
    Routing routing();

    /** How long a queue item may wait, by urgency (wall-clock for now: no business-hours calendar yet). */
    Turnaround turnaround();

    interface Routing {

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

        default String queueFor(Urgency urgency, Category category) {
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

        /** Time to act on an URGENT message (target: the same business day). */
        @WithDefault("4h")
        Duration urgent();

        /** Time to act on a ROUTINE message (target: 2 business days). */
        @WithDefault("2d")
        Duration routine();

        default Duration of(Urgency urgency) {
            return switch (urgency) {
                case EMERGENT -> emergent();
                case URGENT -> urgent();
                case ROUTINE -> routine();
            };
        }
    }
}
