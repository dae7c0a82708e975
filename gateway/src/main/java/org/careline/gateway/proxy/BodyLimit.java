package org.careline.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body stream that fails once more than {@code maxBytes} have passed through it: for chunked bodies,
 * whose size is not declared up front. The bytes past the limit are never forwarded; the failure makes the proxy
 * reset the upstream exchange, so the upstream never receives a complete request.
 */
final class BodyLimit implements ReadStream<Buffer> {

    /** The failure raised when the limit is passed. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body over the limit", null, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final long maxBytes;
    private long seen;
    private volatile boolean exceeded;
    private volatile boolean sourceFailed;
    private Handler<Throwable> exceptionHandler;

    BodyLimit(ReadStream<Buffer> source, long maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
    }

    boolean exceeded() {
        return exceeded;
    }

    /** Whether the caller's body itself broke off (a malformed chunk, a closed connection). */
    boolean sourceFailed() {
        return sourceFailed;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(buffer -> {
            if (exceeded) {
                return;
            }
            seen += buffer.length();
            if (seen > maxBytes) {
                exceeded = true;
                source.pause();
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new TooLarge());
                }
            } else {
                handler.handle(buffer);
            }
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(failure -> {
            sourceFailed = true;
            if (handler != null) {
                handler.handle(failure);
            }
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        if (!exceeded) {
            source.resume();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (!exceeded) {
            source.fetch(amount);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler);
        return this;
    }
}
