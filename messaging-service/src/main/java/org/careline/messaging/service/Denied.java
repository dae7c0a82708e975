package org.careline.messaging.service;

import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.problem.ProblemException;

/**
 * An access refused (or to a resource that does not exist). It rolls back the work it interrupts;
 * {@link AuditedTransactions} then records it in a transaction of its own and answers with {@link #problem()}.
 *
 * @param patientId whose data was asked for, when known
 */
public class Denied extends RuntimeException {

    private final transient ProblemException problem;
    private final AuditAction action;
    private final String resourceType;
    private final String resourceId;
    private final String patientId;
    private final AuditOutcome outcome;

    public Denied(ProblemException problem, AuditAction action, String resourceType, String resourceId,
                  String patientId, AuditOutcome outcome) {
        super(problem.getMessage(), null, false, false);
        this.problem = problem;
        this.action = action;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.patientId = patientId;
        this.outcome = outcome;
    }

    public ProblemException problem() {
        return problem;
    }

    public AuditAction action() {
        return action;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }

    public String patientId() {
        return patientId;
    }

    public AuditOutcome outcome() {
        return outcome;
    }
}
