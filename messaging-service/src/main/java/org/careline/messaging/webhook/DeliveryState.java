package org.careline.messaging.webhook;

/** PENDING until the receiver answers 2xx (DELIVERED) or the attempts run out (DEAD, replayable). */
public enum DeliveryState {
    PENDING, DELIVERED, DEAD
}
