package org.careline.triage.classify;

import org.careline.events.MessageTopic;

/**
 * What the classifier reads: the text is PHI, held only in memory while classifying.
 *
 * @param topic the reason the patient picked: a hint, not the answer; may be null
 */
public record MessageText(String subject, String body, MessageTopic topic) {

    @Override
    public String toString() {
        return "MessageText[topic=" + topic + "]";
    }
}
