package org.careline.messaging.rest;

import java.util.List;

/**
 * A page of threads, latest activity first.
 *
 * @param nextCursor pass as {@code cursor} to read the next page; null on the last page
 */
public record ThreadPageResponse(List<ThreadSummaryResponse> items, String nextCursor) {
}
