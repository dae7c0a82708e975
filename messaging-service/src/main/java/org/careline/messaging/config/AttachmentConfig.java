package org.careline.messaging.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Attachments of threads. Keep {@code quarkus.http.limits.max-body-size} above {@link #maxSize()}. */
@ConfigMapping(prefix = "careline.messaging.attachments")
public interface AttachmentConfig {

    /** The largest file accepted; a larger one is a 413 problem. */
    @WithDefault("10M")
    MemorySize maxSize();

    /** The chunk size of the database store: a download holds about one chunk in memory at a time. */
    @WithDefault("256K")
    MemorySize chunkSize();
}
