package org.careline.triage.classify;

import java.util.List;

/** A rules document that cannot be used, with every problem found (rule vocabulary only). */
public class InvalidRulesException extends IllegalStateException {

    private final List<String> problems;

    public InvalidRulesException(List<String> problems) {
        super("invalid triage rules: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
