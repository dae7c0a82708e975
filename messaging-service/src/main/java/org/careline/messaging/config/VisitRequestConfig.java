package org.careline.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The templated reply a patient gets when their thread becomes a visit request. Texts may use the
 * placeholders {@code {{careTeam}}} and {@code {{schedulingWithin}}}; others refuse to start.
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

    /** What precedes the clinician's note when one is added to the reply. */
    @WithDefault("Note from your care team:")
    String notePrefix();
}
