package org.careline.messaging.rest;

import java.time.Instant;

/** A directory row as stored; {@code clinician} is null for the care team's own row. */
public record DirectoryEntryResponse(String careTeam, String clinician, String displayName, String credential,
                                     boolean acceptsMessages, Integer turnaroundHours, String updatedBy,
                                     Instant updatedAt) {
}
