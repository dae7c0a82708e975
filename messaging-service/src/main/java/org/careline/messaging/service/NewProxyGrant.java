package org.careline.messaging.service;

import org.careline.messaging.ProxyScope;

import java.time.Instant;

/** A proxy grant to create, or the new values of one to change. */
public record NewProxyGrant(String caregiver, String patientId, ProxyScope scope, Instant expiresAt) {
}
