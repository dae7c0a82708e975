package org.careline.messaging;

/** What a caregiver may do for a patient under a proxy grant. */
public enum ProxyScope {
    /** Read the patient's threads. */
    READ,
    /** Read, open and reply to the patient's threads. */
    READ_WRITE;

    public boolean allowsWriting() {
        return this == READ_WRITE;
    }
}
