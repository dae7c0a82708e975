package org.careline.messaging.service;

import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.ThreadRead;

import java.util.List;

/**
 * A thread with its messages in posting order and its read receipts, as seen through {@code reach}.
 */
public record ThreadDetails(MessageThread thread, List<Message> messages, List<ThreadRead> reads, Reach reach) {
}
