package org.careline.billing.rest;

import java.util.List;

/**
 * A page of charges, newest first.
 *
 * @param nextCursor pass as {@code cursor} to read the next page; null on the last page
 */
public record ChargePageResponse(List<ChargeResponse> items, String nextCursor) {
}
