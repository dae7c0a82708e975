package org.careline.messaging.service;

/** An admin's change to a directory row (a team's when {@code clinician} is null). */
public record DirectoryChange(String careTeam, String clinician, String displayName, String credential,
                              boolean acceptsMessages, Integer turnaroundHours) {
}
