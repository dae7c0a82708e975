package org.careline.messaging.service;

import java.time.Instant;
import java.util.List;

/** What the directory shows: care teams with their messaging-enabled clinicians. */
public final class DirectoryView {

    private DirectoryView() {
    }

    /**
     * A care team.
     *
     * @param turnaroundHours the team's expected answer time in hours; null: the practice's default
     * @param expectedTurnaround the answer time as patients should read it
     */
    public record Team(String careTeam, String displayName, boolean acceptsMessages, Integer turnaroundHours,
                       String expectedTurnaround, List<Clinician> clinicians) {
    }

    /**
     * A clinician of a team. {@code acceptsMessages} is false when the team or the clinician does not accept
     * messages; while they are out of office, {@code outOfOffice} says until when and who handles their messages.
     */
    public record Clinician(String username, String displayName, String credential, boolean acceptsMessages,
                            Integer turnaroundHours, String expectedTurnaround, Away outOfOffice) {
    }

    /** A running out-of-office period. */
    public record Away(Instant until, String delegate) {
    }
}
