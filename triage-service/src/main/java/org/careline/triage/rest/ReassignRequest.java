package org.careline.triage.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Give the item to a person, move it to another pool of its care team, or both. */
public record ReassignRequest(@Schema(description = "User id of the new holder", example = "7d1f0c2e-rn-ortiz")
                              String assignee,
                              @Schema(description = "Another pool of the same care team", example = "physicians")
                              String queue) {
}
