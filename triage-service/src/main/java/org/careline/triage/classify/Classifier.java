package org.careline.triage.classify;

/**
 * Decides the urgency and category of one message. The rule-based implementation is the walking
 * skeleton's; a better classifier replaces it by producing another bean of this type.
 * Implementations must be thread-safe and must never log or return the message text.
 */
public interface Classifier {

    Classification classify(MessageText message);
}
