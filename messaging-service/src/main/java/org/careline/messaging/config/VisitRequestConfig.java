package org.careline.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The templated messages a patient gets about a visit request: when their thread becomes one (texts may use
 * {@code {{careTeam}}} and {@code {{schedulingWithin}}}), when it is booked ({@code {{appointmentAt}}}) and when it is
 * cancelled. Another placeholder refuses to start.
 */
@ConfigMapping(prefix = "careline.messaging.visit-request")
public interface VisitRequestConfig {

    /** How soon scheduling contacts the patient, as patients should read it: {@code {{schedulingWithin}}}. */
    @WithDefault("1 business day")
    String schedulingWithin();

    /** The reply for an in-person visit. */
    @WithDefault("Your care team ({{careTeam}}) would like to see you in person about this. Our scheduling team "
            + "will contact you within {{schedulingWithin}} to book the visit; you can also call the office. "
            + "If your symptoms get worse, call 911 or go to the nearest emergency department.")
    String inPersonText();

    /** The reply for a video visit. */
    @WithDefault("Your care team ({{careTeam}}) would like to talk with you in a video visit about this. Our "
            + "scheduling team will contact you within {{schedulingWithin}} with a time and a link. "
            + "If your symptoms get worse, call 911 or go to the nearest emergency department.")
    String videoText();

    /** The reply for a phone visit. */
    @WithDefault("Your care team ({{careTeam}}) would like to talk with you by phone about this. Our scheduling "
            + "team will contact you within {{schedulingWithin}} to set a time for the call. "
            + "If your symptoms get worse, call 911 or go to the nearest emergency department.")
    String phoneText();

    /**
     * The patient's message when the visit is booked with a time ({@code {{appointmentAt}}}: the time in the practice's
     * time zone, e.g. "Wednesday, November 25 at 9:30 AM").
     */
    @WithDefault("Your visit is booked for {{appointmentAt}}. If you cannot come, reply here or call the office. "
            + "If your symptoms get worse before then, call 911 or go to the nearest emergency department.")
    String scheduledText();

    /** The patient's message when the visit is booked without a time in Careline. */
    @WithDefault("Your visit is booked; the office will confirm the time with you. If your symptoms get worse "
            + "before then, call 911 or go to the nearest emergency department.")
    String scheduledWithoutTimeText();

    /**
     * The patient's message when the visit request is cancelled for a reason the patient should hear about (not
     * {@code DUPLICATE}: another request or appointment covers it, and the patient is told about that one).
     */
    @WithDefault("Your visit request has been cancelled. If you still need to be seen, reply here or call the "
            + "office. If your symptoms get worse, call 911 or go to the nearest emergency department.")
    String cancelledText();

    /** What precedes the clinician's note when one is added to the reply. */
    @WithDefault("Note from your care team:")
    String notePrefix();
}
