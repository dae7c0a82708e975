package org.careline.messaging.rest;

/** A template's text with its placeholders filled, ready to send as a reply. */
public record RenderedTemplate(String templateId, String body) {
}
