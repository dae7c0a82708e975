package org.careline.messaging.rest;

import java.util.List;

/**
 * A page of templates by name.
 *
 * @param nextCursor pass as {@code cursor} to read the next page; null on the last page
 */
public record TemplatePageResponse(List<TemplateResponse> items, String nextCursor) {
}
