package org.careline.triage.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.careline.triage.config.TriageConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every instance's feed of committed queue changes, whichever instance made them. Writers append a change to the
 * shared log ({@link QueueChangeLog}) in their own transaction; at commit PostgreSQL gives it its id and NOTIFYs it.
 * Here one {@link PgSubscriber} per instance LISTENs and fans the changes out to this instance's Server-Sent Events
 * streams. After a lost connection it reconnects (with a growing delay) and first reads from the log whatever
 * committed meanwhile, so the feed has no gap; changes are passed on once each, in id (= commit) order.
 * <p>
 * A client that reconnects with {@code Last-Event-ID} gets the changes it missed from the log, then the live ones.
 */
@ApplicationScoped
public class QueueChanges {

    private static final long MAX_RECONNECT_DELAY_MS = 30_000;
    /** Changes one client may fall behind by before its stream fails (and the client reconnects with Last-Event-ID). */
    private static final int MAX_BACKLOG = 10_000;

    private final BroadcastProcessor<StreamedChange> processor = BroadcastProcessor.create();
    private final QueueChangeLog log;
    private final TriageConfig config;
    private final Vertx vertx;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Optional<String> sslMode;
    private final Optional<String> hostnameVerification;
    private final boolean trustPem;
    private final Optional<List<String>> trustPemCerts;

    /** Guards {@link #delivered}, {@link #catchingUp} and {@link #held}. */
    private final Object lock = new Object();
    private long delivered;
    private boolean catchingUp;
    private final List<StreamedChange> held = new ArrayList<>();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger subscribers = new AtomicInteger();
    private volatile PgSubscriber subscriber;
    private volatile boolean stopping;

    public QueueChanges(QueueChangeLog log, TriageConfig config, Vertx vertx,
                        @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                        @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                        @ConfigProperty(name = "quarkus.datasource.reactive.postgresql.ssl-mode") Optional<String> sslMode,
                        @ConfigProperty(name = "quarkus.datasource.reactive.hostname-verification-algorithm")
                        Optional<String> hostnameVerification,
                        @ConfigProperty(name = "quarkus.datasource.reactive.trust-certificate-pem", defaultValue = "false")
                        boolean trustPem,
                        @ConfigProperty(name = "quarkus.datasource.reactive.trust-certificate-pem.certs")
                        Optional<List<String>> trustPemCerts) {
        this.log = log;
        this.config = config;
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password;
        this.sslMode = sslMode;
        this.hostnameVerification = hostnameVerification;
        this.trustPem = trustPem;
        this.trustPemCerts = trustPemCerts;
    }

    void start(@Observes StartupEvent event) {
        // changes committed before this instance started are no one's business here: a client asks for them by id
        delivered = log.bounds().await().atMost(Duration.ofSeconds(30)).newest();
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        // the same TLS settings as the service's reactive pool (production: verify-full against the cluster's CA)
        sslMode.ifPresent(mode -> options.setSslMode(SslMode.of(mode)));
        hostnameVerification.filter(a -> !a.isBlank() && !"NONE".equalsIgnoreCase(a))
                .ifPresent(options::setHostnameVerificationAlgorithm);
        if (trustPem) {
            PemTrustOptions pem = new PemTrustOptions();
            trustPemCerts.orElse(List.of()).forEach(pem::addCertPath);
            options.setPemTrustOptions(pem);
        }
        long base = Math.max(1, config.stream().reconnectDelay().toMillis());
        PgSubscriber pg = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> stopping ? -1L : Math.min(MAX_RECONNECT_DELAY_MS, base << Math.min(retries, 16)));
        pg.closeHandler(v -> {
            if (!stopping) {
                Log.warn("queue change listener: connection closed for good; reconnecting");
                vertx.setTimer(base, id -> connect(pg, base));
            }
        });
        pg.channel(QueueChangeLog.CHANNEL)
                .subscribeHandler(v -> catchUp())
                .handler(this::notified);
        subscriber = pg;
        connect(pg, base);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        PgSubscriber pg = subscriber;
        if (pg != null) {
            pg.close();
        }
    }

    private void connect(PgSubscriber pg, long delay) {
        if (stopping) {
            return;
        }
        pg.connect().onFailure(e -> {
            Log.warnf("queue change listener: cannot connect (%s); retrying in %d ms", e.getClass().getSimpleName(), delay);
            vertx.setTimer(delay, id -> connect(pg, Math.min(MAX_RECONNECT_DELAY_MS, delay * 2)));
        });
    }

    /** How many times the listener subscribed (1 after startup, one more per reconnection). */
    public int subscriptions() {
        return subscriptions.get();
    }

    /** The last change id passed on to this instance's streams (0: none since start). */
    public long delivered() {
        synchronized (lock) {
            return delivered;
        }
    }

    /** How many streams of this instance are subscribed to the live feed now. */
    public int subscribers() {
        return subscribers.get();
    }

    /** The live changes to queues of the given care teams, from now on. */
    public Multi<StreamedChange> of(Set<String> careTeams) {
        return processor.filter(change -> careTeams.contains(change.change().careTeam()))
                .onSubscription().invoke(subscribers::incrementAndGet)
                .onTermination().invoke(subscribers::decrementAndGet);
    }

    /**
     * The changes to queues of the given care teams after id {@code lastEventId} (replayed from the log, page by page
     * of {@code replay-page}), then the live ones, each once, in id order. The live feed is subscribed to before the
     * log is read, so nothing committed in between is lost.
     */
    public Multi<StreamedChange> since(Set<String> careTeams, long lastEventId) {
        return Multi.createFrom().<StreamedChange>emitter(emitter -> {
            Replay replay = new Replay(careTeams, lastEventId, emitter);
            Cancellable live = of(careTeams).subscribe().with(replay::live, emitter::fail, emitter::complete);
            emitter.onTermination(live::cancel);
            replay.read(lastEventId, live);
        }).onOverflow().buffer(MAX_BACKLOG); // a client that stops reading is cut off; it reconnects with its last id
    }

    /** One client's replay: live changes wait until the log was read up to now. */
    private final class Replay {
        private final Set<String> careTeams;
        private final io.smallrye.mutiny.subscription.MultiEmitter<? super StreamedChange> emitter;
        private final List<StreamedChange> early = new ArrayList<>();
        private long last;
        private boolean replaying = true;

        Replay(Set<String> careTeams, long lastEventId, io.smallrye.mutiny.subscription.MultiEmitter<? super StreamedChange> emitter) {
            this.careTeams = careTeams;
            this.last = lastEventId;
            this.emitter = emitter;
        }

        synchronized void live(StreamedChange change) {
            if (replaying) {
                early.add(change);
            } else {
                emit(change);
            }
        }

        void read(long after, Cancellable live) {
            int page = config.stream().replayPage();
            log.after(careTeams, after, page).subscribe().with(missed -> {
                long next;
                synchronized (this) {
                    missed.forEach(this::emit);
                    if (missed.size() < page) {
                        replaying = false;
                        early.forEach(this::emit);
                        early.clear();
                        return;
                    }
                    next = last;
                }
                read(next, live);
            }, failure -> {
                live.cancel();
                emitter.fail(failure);
            });
        }

        private void emit(StreamedChange change) {
            if (change.seq() > last) {
                last = change.seq();
                emitter.emit(change);
            }
        }
    }

    /** A NOTIFY payload: held while the log is being read after a (re)subscription, else passed on. */
    private void notified(String payload) {
        StreamedChange change;
        try {
            change = log.decode(payload);
        } catch (RuntimeException e) {
            Log.warnf("queue change listener: unreadable notification ignored (%s)", e.getClass().getSimpleName());
            return;
        }
        synchronized (lock) {
            if (catchingUp) {
                held.add(change);
                return;
            }
            deliver(change);
        }
    }

    /** After LISTEN took effect (at start and after each reconnection): what committed while not listening. */
    private void catchUp() {
        subscriptions.incrementAndGet();
        long from;
        synchronized (lock) {
            catchingUp = true;
            from = delivered;
        }
        readFrom(from);
    }

    private void readFrom(long from) {
        int page = 1000;
        log.after(null, from, page).subscribe().with(missed -> {
            synchronized (lock) {
                missed.forEach(this::deliver);
                if (missed.size() == page) {
                    vertx.runOnContext(v -> readFrom(delivered));
                    return;
                }
                catchingUp = false;
                held.forEach(this::deliver);
                held.clear();
            }
        }, failure -> {
            Log.warnf("queue change listener: catching up failed (%s); retrying", failure.getClass().getSimpleName());
            vertx.setTimer(config.stream().reconnectDelay().toMillis(), id -> readFrom(from));
        });
    }

    /** Passes a change on once: the ids only grow. Called with {@link #lock} held. */
    private void deliver(StreamedChange change) {
        if (change.seq() <= delivered) {
            return;
        }
        delivered = change.seq();
        try {
            processor.onNext(change);
        } catch (RuntimeException e) {
            // a misbehaving stream must not stop the feed (nor, thrown into the listener, the other streams)
            Log.warnf("queue change listener: a stream failed on change %d (%s)", change.seq(), e.getClass().getSimpleName());
        }
    }
}
