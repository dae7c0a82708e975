package org.careline.triage.service;

/**
 * A committed queue change with its place in the shared change log: {@code seq} is the Server-Sent Events id,
 * growing in commit order across every instance. A change of null is a reset: the client's {@code Last-Event-ID} is
 * older than the log keeps (or unknown), so it must reload its queues; {@code seq} is then the id to resume from.
 */
public record StreamedChange(long seq, QueueChange change) {

    public static StreamedChange reset(long seq) {
        return new StreamedChange(seq, null);
    }

    public boolean isReset() {
        return change == null;
    }
}
