package org.careline.events;

/** A record that is not a valid event of a known type. Its message never quotes the record. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
