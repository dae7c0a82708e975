package org.careline.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "careline.audit")
public interface AuditConfig {

    /** Records per page of {@code GET /api/v1/audit/events} when the caller gives no {@code limit}. */
    @WithDefault("50")
    int defaultPageSize();

    /** The largest {@code limit} a caller may ask for; larger ones are refused with 400. */
    @WithDefault("200")
    int maxPageSize();

    /**
     * How many times storing a well-formed record is retried after a database failure before the
     * record goes to the dead-letter topic (where it is kept for replay). The default rides out a database
     * restart (about 75 s with the default back-off): the fault suite found 5 retries (about 5 s) too few.
     */
    @WithDefault("40")
    int storeRetries();

    /** The first pause between those retries; it doubles up to ten times this. */
    @WithDefault("200ms")
    Duration storeRetryBackoff();

    /** Signed checkpoints of the hash chains. */
    Checkpoint checkpoint();

    /** How long records are kept, and the purge. */
    Retention retention();

    /** Emergency access. */
    BreakGlass breakGlass();

    /** The patient's own view of who accessed their data. */
    PatientView patientView();

    interface Checkpoint {

        /** The id of the signing key, recorded with every checkpoint (e.g. {@code 2026-11}). */
        String keyId();

        /**
         * The HMAC-SHA256 signing key, base64, at least 32 bytes. In production from a Kubernetes secret
         * (environment {@code CARELINE_AUDIT_CHECKPOINT_KEY}); only %dev and %test have a built-in one.
         */
        String key();

        /** Retired keys by id (base64), still accepted when verifying older checkpoints after a rotation. */
        Map<String, String> previousKeys();

        /** How often each chain that grew gets a new checkpoint. */
        @WithDefault("5m")
        Duration interval();

        /**
         * A directory outside the database where every checkpoint is also appended, one JSON line per
         * checkpoint in {@code <chain>.jsonl}, and read back by verification. Production: a volume that the
         * database's administrators cannot write (or shipped on to WORM storage).
         */
        Optional<Path> exportDir();
    }

    interface Retention {

        /** How long records are kept (HIPAA 164.316(b)(2): six years). */
        @WithDefault("P2192D")
        Duration period();

        /** How often the purge runs. */
        @WithDefault("24h")
        Duration purgeInterval();

        /** Whether the scheduled purge runs at all on this instance. */
        @WithDefault("true")
        boolean purgeEnabled();
    }

    interface BreakGlass {

        /** How long an emergency access grant lasts. */
        @WithDefault("1h")
        Duration duration();

        /** The longest stated reason accepted. */
        @WithDefault("1000")
        int maxReasonLength();
    }

    interface PatientView {

        /** How staff appear to a patient looking at who accessed their data. */
        @WithDefault("role")
        StaffIdentity staffIdentity();

        /** The organization's choice: the staff member's username, their role, or only "a member of your care team". */
        enum StaffIdentity {
            USERNAME, ROLE, CARE_TEAM
        }
    }
}
