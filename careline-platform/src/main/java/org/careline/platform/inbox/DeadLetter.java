package org.careline.platform.inbox;

/** A consumed record that cannot be processed, and why (ids and kinds only, never the record's content). */
public record DeadLetter(ConsumedRecord record, String reason) {
}
