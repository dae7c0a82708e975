package org.careline.messaging.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Signed webhooks to EHR vendors. */
@ConfigMapping(prefix = "careline.messaging.webhooks")
public interface WebhookConfig {

    /** Whether this instance sends due deliveries (every instance queues them). */
    @WithDefault("true")
    boolean dispatcherEnabled();

    /** How often the dispatcher looks for due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries claimed per dispatcher run (sent concurrently). */
    @WithDefault("20")
    int batchSize();

    /** Time allowed to connect to a receiver. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time allowed for the whole request, answer included; a slower receiver counts as a failure. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** The wait before the second attempt; each later one doubles it (with up to 20% jitter). */
    @WithDefault("30s")
    Duration initialBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("1h")
    Duration maxBackoff();

    /** Attempts before a delivery is DEAD (about 3 days with the default backoff). */
    @WithDefault("80")
    int maxAttempts();

    /** A delivery still failing this long after its event is DEAD whatever its attempt count. */
    @WithDefault("3d")
    Duration maxAge();

    /** How long the old secrets keep signing after a rotation, unless the request names another period. */
    @WithDefault("24h")
    Duration rotationOverlap();

    /** The longest overlap a rotation may ask for. */
    @WithDefault("7d")
    Duration maxRotationOverlap();

    /**
     * Whether {@code http://127.0.0.1} and {@code http://localhost} targets are allowed (dev and test only).
     * Otherwise targets must be https to a public host (no private, loopback or link-local address).
     */
    @WithDefault("false")
    boolean allowLoopbackHttp();

    /**
     * The id of the key (one of {@link #secretKeys()}) that encrypts signing secrets at rest (AES-256-GCM). Secrets
     * encrypted under another listed key are re-encrypted with this one at startup (key rotation).
     */
    String secretKeyId();

    /**
     * The keys that encrypt signing secrets at rest, each {@code <id>:<base64 of 32 random bytes>}; every listed key
     * decrypts, only {@link #secretKeyId()} encrypts. Production reads them from the Kubernetes Secret
     * {@code messaging-webhook-keys}; dev and test have a fixed key in {@code application.properties}.
     */
    List<String> secretKeys();

    /** Subscriptions a client may own. */
    @WithDefault("20")
    int maxSubscriptionsPerClient();
}
