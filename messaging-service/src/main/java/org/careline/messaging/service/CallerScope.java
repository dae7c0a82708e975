package org.careline.messaging.service;

import org.careline.messaging.ProxyScope;
import org.careline.platform.security.Caller;

import java.util.Map;
import java.util.Set;

/**
 * A caller with the grants live for them now: proxy grants (caregivers) and break-the-glass grants
 * (clinicians).
 *
 * @param proxyPatients      patient id to the widest live proxy scope
 * @param breakGlassPatients patients the caller may read in an emergency
 */
public record CallerScope(Caller caller, Map<String, ProxyScope> proxyPatients, Set<String> breakGlassPatients) {
}
