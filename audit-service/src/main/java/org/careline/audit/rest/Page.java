package org.careline.audit.rest;

import java.util.List;

/**
 * A page of any list of this API: {@code {items, nextCursor}}; nextCursor is null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {
}
