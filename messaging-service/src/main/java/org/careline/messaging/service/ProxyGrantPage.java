package org.careline.messaging.service;

import org.careline.messaging.ProxyGrant;

import java.util.List;

/** One page of proxy grants, newest first; {@code nextCursor} is null on the last page. */
public record ProxyGrantPage(List<ProxyGrant> grants, String nextCursor) {
}
