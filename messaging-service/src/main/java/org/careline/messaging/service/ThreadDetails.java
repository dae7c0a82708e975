package org.careline.messaging.service;

import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;

import java.util.List;

/** A thread with its messages in posting order. */
public record ThreadDetails(MessageThread thread, List<Message> messages) {
}
