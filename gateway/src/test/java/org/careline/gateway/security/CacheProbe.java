package org.careline.gateway.security;

/** Looks into the verified-token cache of the running gateway, for tests. */
public final class CacheProbe {

    private CacheProbe() {
    }

    public static int size(CachedBearerAuthentication authentication) {
        return authentication.cache().size();
    }

    public static boolean contains(CachedBearerAuthentication authentication, String token) {
        return authentication.cache().get(VerifiedTokens.keyOf(token)) != null;
    }
}
