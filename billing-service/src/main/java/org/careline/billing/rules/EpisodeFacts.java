package org.careline.billing.rules;

import java.time.Instant;
import java.util.List;

/**
 * Everything the rules need to decide one episode.
 *
 * @param windowStart      the first qualifying review (inclusive)
 * @param windowEnd        the window's end (exclusive)
 * @param patientInitiated whether the thread that opened the episode was patient-initiated
 * @param established      the EHR's established-patient status; null when the EHR never said
 * @param entries          the time logged on the episode's threads (duplicates tolerated)
 * @param encounters       the patient's encounters reported by the EHR
 * @param consents         the patient's recorded consents
 * @param visitRequests    the visits requested from the patient's threads (message to visit)
 */
public record EpisodeFacts(Instant windowStart, Instant windowEnd, boolean patientInitiated, Boolean established,
                           List<TimeEntry> entries, List<EncounterFact> encounters, List<ConsentFact> consents,
                           List<VisitRequestFact> visitRequests) {

    /** Facts without visit requests. */
    public EpisodeFacts(Instant windowStart, Instant windowEnd, boolean patientInitiated, Boolean established,
                        List<TimeEntry> entries, List<EncounterFact> encounters, List<ConsentFact> consents) {
        this(windowStart, windowEnd, patientInitiated, established, entries, encounters, consents, List.of());
    }
}
