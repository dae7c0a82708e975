package org.careline.events;

/**
 * A person in a thread, by identifiers only.
 *
 * @param userId     the identity provider's subject id
 * @param role       the role they acted in
 * @param credential professional credential (MD, NP, RN...) for care-team members, else null
 */
public record Participant(String userId, ParticipantRole role, String credential) {
}
