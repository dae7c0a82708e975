package org.careline.messaging.service;

import java.util.Set;

/**
 * The threads a caller may list, as the repository queries them: a thread is visible when its patient
 * is in {@code patients}, or its care team in {@code careTeams}, or it is addressed to {@code addressee}.
 * Empty sets and a null addressee add nothing.
 */
public record ThreadFilter(Set<String> patients, Set<String> careTeams, String addressee) {

    public boolean seesNothing() {
        return patients.isEmpty() && careTeams.isEmpty() && addressee == null;
    }
}
