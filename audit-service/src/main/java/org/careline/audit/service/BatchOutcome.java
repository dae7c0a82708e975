package org.careline.audit.service;

import java.util.List;

/**
 * What storing one batch did.
 *
 * @param stored     records appended to their chains
 * @param duplicates records whose event id was stored before (or earlier in the same batch): nothing stored
 * @param ignored    well-formed events of another type on the topic: not ours, nothing stored
 * @param rejected   malformed records, never stored, for the dead-letter topic
 */
public record BatchOutcome(int stored, int duplicates, int ignored, List<Rejected> rejected) {

    /**
     * A record that cannot be stored.
     *
     * @param record the record as received
     * @param reason why, naming ids only (never quotes the record)
     */
    public record Rejected(ReceivedRecord record, String reason) {
    }
}
