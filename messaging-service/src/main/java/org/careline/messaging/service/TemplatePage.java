package org.careline.messaging.service;

import org.careline.messaging.MessageTemplate;

import java.util.List;

/** One page of templates; {@code nextCursor} is null on the last page. */
public record TemplatePage(List<MessageTemplate> templates, String nextCursor) {
}
