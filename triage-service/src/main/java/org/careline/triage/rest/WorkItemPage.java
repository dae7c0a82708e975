package org.careline.triage.rest;

import java.util.List;

/** A page of a queue, most pressing first; {@code nextCursor} is null on the last page. */
public record WorkItemPage(List<WorkItemResponse> items, String nextCursor) {
}
