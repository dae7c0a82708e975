package org.careline.messaging.rest;

import java.util.List;

/**
 * A page of proxy grants, newest first.
 *
 * @param nextCursor pass as {@code cursor} to read the next page; null on the last page
 */
public record ProxyGrantPageResponse(List<ProxyGrantResponse> items, String nextCursor) {
}
