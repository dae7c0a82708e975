package org.careline.platform.audit;

import org.careline.events.AuditAction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DeniedAccessTest {

    static class ThreadResource {
    }

    @AuditedResource("BreakGlassGrant")
    static class GrantReviewResource {
    }

    @Test
    void aRefusedReadNamesTheResourceFromTheClassAndTheIdFromThePath() {
        DeniedAccess access = DeniedAccess.of("GET", ThreadResource.class, Map.of("id", List.of("t-1")), Map.of());
        assertEquals(new DeniedAccess(AuditAction.READ, "Thread", "t-1", null), access);
    }

    @Test
    void anAnnotationNamesTheTypeAndAnyIdParameterIsTheResourceIdButNotThePatient() {
        DeniedAccess access = DeniedAccess.of("POST", GrantReviewResource.class,
                Map.of("patientId", List.of("P-1"), "grantId", List.of("g-7")), Map.of());
        assertEquals(new DeniedAccess(AuditAction.CREATE, "BreakGlassGrant", "g-7", "P-1"), access);
    }

    @Test
    void aListWithoutIdIsAQueryAndThePatientMayComeFromTheQueryString() {
        DeniedAccess access = DeniedAccess.of("GET", ThreadResource.class, Map.of(),
                Map.of("patientId", List.of("P-1001")));
        assertEquals(AuditAction.QUERY, access.action());
        assertEquals("P-1001", access.patientId());
        assertNull(access.resourceId());
    }

    @Test
    void writesMapToTheirActions() {
        assertEquals(AuditAction.UPDATE, DeniedAccess.action("PUT", "x"));
        assertEquals(AuditAction.UPDATE, DeniedAccess.action("PATCH", "x"));
        assertEquals(AuditAction.DELETE, DeniedAccess.action("DELETE", "x"));
    }

    @Test
    void anOversizedValueIsNotRecordedAsAnIdentifier() {
        DeniedAccess access = DeniedAccess.of("GET", ThreadResource.class, Map.of("id", List.of("x".repeat(129))),
                Map.of("patientId", List.of("y".repeat(200))));
        assertNull(access.resourceId());
        assertNull(access.patientId());
    }

    @Test
    void aValueWithControlCharactersIsNotRecordedAsAnIdentifierSoTheRefusalCanStillBeStored() {
        DeniedAccess access = DeniedAccess.of("GET", ThreadResource.class, Map.of("id", List.of("t\u0000-1")),
                Map.of("patientId", List.of("P-1001\n")));
        assertNull(access.resourceId());
        assertNull(access.patientId());
    }

    @Test
    void generatedSubclassNamesAreStripped() {
        assertEquals("Thread", DeniedAccess.resourceType(ThreadResource.class));
        assertEquals("Unknown", DeniedAccess.resourceType(null));
    }
}
