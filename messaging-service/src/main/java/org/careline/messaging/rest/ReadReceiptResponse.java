package org.careline.messaging.rest;

import org.careline.events.ParticipantRole;

import java.time.Instant;

/** How far one reader has read a thread. */
public record ReadReceiptResponse(String threadId, String readerId, ParticipantRole readerRole,
                                  String lastReadMessageId, Instant readAt) {
}
