package org.careline.billing.rest;

import java.util.List;

/**
 * A page of episodes, newest first.
 *
 * @param nextCursor pass as {@code cursor} to read the next page; null on the last page
 */
public record EpisodePageResponse(List<EpisodeResponse> items, String nextCursor) {
}
