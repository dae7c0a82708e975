package org.careline.platform.problem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnavailableMappersTest {

    @Test
    void connectionAndShutdownStatesMeanUnavailable() {
        assertTrue(UnavailableMappers.isUnavailable("08006"));   // connection failure
        assertTrue(UnavailableMappers.isUnavailable("08001"));   // cannot establish a connection
        assertTrue(UnavailableMappers.isUnavailable("57P01"));   // admin shutdown (fast shutdown of the server)
        assertTrue(UnavailableMappers.isUnavailable("57P03"));   // the database system is starting up
    }

    @Test
    void dataErrorsStayInternal() {
        assertFalse(UnavailableMappers.isUnavailable("23505"));  // unique violation
        assertFalse(UnavailableMappers.isUnavailable("42P01"));  // undefined table
        assertFalse(UnavailableMappers.isUnavailable("57014"));  // query cancelled
        assertFalse(UnavailableMappers.isUnavailable(null));
    }

    @Test
    void aWrappedLostConnectionIsFoundInTheCauses() {
        RuntimeException wrapped = new RuntimeException("session failed",
                new java.util.concurrent.CompletionException(new java.net.SocketException("Connection reset")));
        assertTrue(UnavailableMappers.causedByLostConnection(wrapped));
        assertTrue(UnavailableMappers.causedByLostConnection(new java.net.ConnectException("refused")));
        assertFalse(UnavailableMappers.causedByLostConnection(new IllegalStateException("a bug")));
        assertFalse(UnavailableMappers.causedByLostConnection(new RuntimeException(new NullPointerException())));
    }
}
