package org.careline.messaging.service;

/**
 * Who handles messages addressed to a clinician now.
 *
 * @param recipient  the clinician themselves, or their delegate while they are away
 * @param onBehalfOf the away clinician when a delegate handles it; else null
 */
public record Delegation(String recipient, String onBehalfOf) {

    public boolean delegated() {
        return onBehalfOf != null;
    }
}
