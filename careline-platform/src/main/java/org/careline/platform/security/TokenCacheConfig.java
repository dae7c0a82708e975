package org.careline.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The cache of verified bearer tokens ({@link VerifiedTokens}); the gateway has its own, same rules. */
@ConfigMapping(prefix = "careline.security.token-cache")
public interface TokenCacheConfig {

    /** Whether a token verified once is taken from the cache until it expires (or the ttl passes). */
    @WithDefault("true")
    boolean enabled();

    /** The most tokens kept; when full, expired ones are dropped, else all. */
    @WithDefault("10000")
    int maxSize();

    /**
     * The longest a verified token is taken from the cache (never past its {@code exp}): also how long a token
     * signed with a key the identity provider retired can still pass after the service's key set dropped the key.
     */
    @WithDefault("30s")
    Duration ttl();
}
