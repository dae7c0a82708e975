package org.careline.events;

/** How a visit that replaces a message exchange takes place. */
public enum VisitType {
    IN_PERSON,
    VIDEO,
    PHONE
}
