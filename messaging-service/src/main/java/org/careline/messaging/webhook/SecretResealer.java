package org.careline.messaging.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * At startup, encrypts with the active key every signing secret that is not yet under it: rows written before
 * encryption (plain, no key id) and rows under a rotated-out key (which must still be configured to decrypt).
 * Idempotent; concurrent instances may both re-encrypt a row, each result decrypts.
 */
@ApplicationScoped
public class SecretResealer {

    private final SecretRepository secrets;
    private final SecretCipher cipher;

    public SecretResealer(SecretRepository secrets, SecretCipher cipher) {
        this.secrets = secrets;
        this.cipher = cipher;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        int resealed = VertxContextSupport.subscribeAndAwait(this::reseal);
        if (resealed > 0) {
            Log.infof("webhook signing secrets: %d re-encrypted with key %s", resealed, cipher.activeKeyId());
        }
    }

    /** Re-encrypts every secret not under the active key; the count. */
    public Uni<Integer> reseal() {
        return Panache.withTransaction(() -> secrets.notUnderKey(cipher.activeKeyId()).map(this::resealAll));
    }

    private int resealAll(List<WebhookSecret> rows) {
        for (WebhookSecret row : rows) {
            SecretCipher.Sealed sealed = cipher.seal(row.id, cipher.open(row));
            row.secret = sealed.text();
            row.keyId = sealed.keyId();
        }
        return rows.size();
    }
}
