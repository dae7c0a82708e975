package org.careline.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Automatic replies posted into a patient's thread by the system. Texts may use the placeholders
 * {@code {{careTeam}}}, {@code {{turnaround}}} and {@code {{reopens}}} (when the practice opens next).
 */
@ConfigMapping(prefix = "careline.messaging.auto-reply")
public interface AutoReplyConfig {

    /** Whether automatic replies are posted at all. */
    @WithDefault("true")
    boolean enabled();

    /** At most one expectations, after-hours or holiday reply per thread within this period. */
    @WithDefault("60m")
    Duration minInterval();

    /** At most one emergency reply per thread within this period (its own limit: a routine reply never suppresses it). */
    @WithDefault("5m")
    Duration emergencyMinInterval();

    /** The author id of automatic replies in threads (a system author, not a person). */
    @WithDefault("careline-auto-reply")
    String systemAuthor();

    /** How long an answer takes, as patients should read it; the {@code {{turnaround}}} placeholder. */
    @WithDefault("2 business days")
    String turnaround();

    /** The reply to a new patient thread while the practice is open. */
    @WithDefault("Thank you for your message. Your care team ({{careTeam}}) answers within {{turnaround}}. "
            + "Secure messaging is not for emergencies: if you have an emergency, call 911 or go to the nearest "
            + "emergency department.")
    String expectationsText();

    /** The reply to a patient message outside business hours. */
    @WithDefault("Thank you for your message. Our office is closed now; your care team ({{careTeam}}) will read it "
            + "after we reopen on {{reopens}}. Secure messaging is not for emergencies: if you have an emergency, "
            + "call 911 or go to the nearest emergency department.")
    String afterHoursText();

    /** The reply to a patient message on a practice holiday. */
    @WithDefault("Thank you for your message. Our office is closed for a holiday; your care team ({{careTeam}}) will "
            + "read it after we reopen on {{reopens}}. Secure messaging is not for emergencies: if you have an "
            + "emergency, call 911 or go to the nearest emergency department.")
    String holidayText();

    /** The reply as soon as triage reports an emergency. */
    @WithDefault("Your message may describe an emergency. Call 911 or go to the nearest emergency department now. "
            + "Do not wait for a reply to this message.")
    String emergencyText();
}
