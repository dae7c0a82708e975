package org.careline.triage.service;

import org.careline.platform.problem.ProblemException;
import org.careline.triage.QueueItem;

/**
 * The outcome of a work-list action: the item, or the problem to answer with. A problem is returned,
 * not thrown, so that the audit record of a refused or failed attempt still commits.
 */
public record WorkResult(QueueItem item, ProblemException problem) {

    static WorkResult ok(QueueItem item) {
        return new WorkResult(item, null);
    }

    static WorkResult problem(ProblemException problem) {
        return new WorkResult(null, problem);
    }

    /** The item, or the problem thrown (outside the transaction). */
    public QueueItem orThrow() {
        if (problem != null) {
            throw problem;
        }
        return item;
    }
}
