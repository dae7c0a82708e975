package org.careline.messaging.service;

import org.careline.messaging.MessageThread;

/** A thread the caller may see, and how they reach it. */
public record Visible(MessageThread thread, CallerScope scope, Reach reach) {
}
