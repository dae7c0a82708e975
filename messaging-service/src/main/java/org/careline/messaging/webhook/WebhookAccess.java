package org.careline.messaging.webhook;

import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.service.Denied;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

/**
 * Who manages which subscriptions: an {@code admin} every one; an {@code integration} client (an EHR's
 * service account, e.g. {@code careline-ehr}) those its OAuth client ({@code azp}) owns. Another client's
 * subscription answers 404 exactly as a missing one, audited as DENIED.
 */
public final class WebhookAccess {

    /** The realm role of EHR integration clients. */
    public static final String INTEGRATION = "integration";
    public static final String RESOURCE = "WebhookSubscription";
    static final String NOT_FOUND = "No webhook subscription with this id is visible to you.";

    private WebhookAccess() {
    }

    public static boolean isAdmin(Caller caller) {
        return caller.hasRole(Roles.ADMIN);
    }

    /** The client whose subscriptions the caller sees; null for all (admin). A token without a client: 403. */
    public static String scope(Caller caller) {
        if (isAdmin(caller)) {
            return null;
        }
        if (caller.clientId() == null || caller.clientId().isBlank()) {
            throw new ProblemException(403, "forbidden", "Forbidden", "The token names no OAuth client.");
        }
        return caller.clientId();
    }

    /** The subscription if the caller may manage it; a missing or foreign one fails alike (404). */
    public static WebhookSubscription check(Caller caller, WebhookSubscription found, String id, AuditAction action) {
        if (found == null || found.status == SubscriptionStatus.DELETED) {
            throw new Denied(ProblemException.notFound(NOT_FOUND), action, RESOURCE, id, null, AuditOutcome.FAILED);
        }
        String scope = scope(caller);
        if (scope != null && !found.ownerClient.equals(scope)) {
            throw new Denied(ProblemException.notFound(NOT_FOUND), action, RESOURCE, id, null, AuditOutcome.DENIED);
        }
        return found;
    }
}
