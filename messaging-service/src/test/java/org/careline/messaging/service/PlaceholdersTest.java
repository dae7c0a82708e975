package org.careline.messaging.service;

import org.careline.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaceholdersTest {

    @Test
    void fillsKnownPlaceholdersAndLeavesOtherTextAlone() {
        assertEquals("We answer within 2 business days ($5 {x}).", Placeholders.fill(
                "We answer within {{turnaround}} ($5 {x}).", Map.of("turnaround", "2 business days")));
        assertEquals("a b a", Placeholders.fill("{{x}} {{ y }} {{x}}", Map.of("x", "a", "y", "b")));
    }

    @Test
    void unknownPlaceholdersAreA400NamingThem() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> Placeholders.fill("Hi {{patientFirstName}}, {{date}} {{zip}}", Map.of("date", "today")));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("Unknown placeholders: patientFirstName, zip."), e.getMessage());
    }

    @Test
    void malformedPlaceholdersAreA400() {
        assertThrows(ProblemException.class, () -> Placeholders.check("Hi {{date", Set.of("date")));
        assertThrows(ProblemException.class, () -> Placeholders.check("Hi {{da te}}", Set.of("date")));
    }
}
