package org.careline.messaging.service;

import org.careline.messaging.MessageThread;

import java.util.List;

/** One page of threads, latest activity first; {@code nextCursor} is null on the last page. */
public record ThreadPage(List<MessageThread> threads, String nextCursor) {
}
