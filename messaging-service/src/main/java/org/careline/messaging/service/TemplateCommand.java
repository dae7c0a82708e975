package org.careline.messaging.service;

/**
 * A template as a caller writes it.
 *
 * @param careTeam the owning team; defaults to the caller's only team (an admin must name one)
 */
public record TemplateCommand(String careTeam, String name, String body) {
}
