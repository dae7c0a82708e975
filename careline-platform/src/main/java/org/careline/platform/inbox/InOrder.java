package org.careline.platform.inbox;

import io.smallrye.mutiny.Uni;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one asynchronous step per item, each after the previous one completed, in a loop rather than by recursion.
 * A recursive chain ({@code step(i).chain(() -> run(i + 1))}) nests a few dozen stack frames for every step that
 * completes at once (an event skipped as a duplicate or not for this consumer): a Kafka batch of a few hundred such
 * events overflowed the thread stack, the error was lost inside the chain and the batch's transaction hung. Here a
 * step that completes at once only marks the loop to go on (a trampoline), so the stack stays flat.
 */
public final class InOrder {

    private InOrder() {
    }

    /** Completes when every step has completed, or fails with the first failure (later items are not started). */
    public static <T> Uni<Void> run(List<T> items, Function<T, Uni<Void>> step) {
        return Uni.createFrom().emitter(emitter -> {
            Iterator<T> remaining = items.iterator();
            AtomicInteger pending = new AtomicInteger();
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                if (pending.getAndIncrement() != 0) {
                    return; // the loop below is running on this stack: it picks this completion up
                }
                do {
                    if (!remaining.hasNext()) {
                        emitter.complete(null);
                        return;
                    }
                    Uni<Void> current;
                    try {
                        current = step.apply(remaining.next());
                    } catch (RuntimeException e) {
                        emitter.fail(e);
                        return;
                    }
                    current.subscribe().with(done -> next[0].run(), emitter::fail);
                } while (pending.decrementAndGet() != 0);
            };
            next[0].run();
        });
    }
}
