package org.careline.messaging.rest;

/** OpenAPI examples shared by the resources, in one place. */
final class ApiExamples {

    static final String PROBLEM = "application/problem+json";

    static final String THREAD = "{\"id\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\",\"patientId\":\"P-1001\","
            + "\"careTeam\":\"family-medicine\",\"subject\":\"Inhaler refill\",\"topic\":\"MEDICATION\","
            + "\"status\":\"AWAITING_CARE_TEAM\",\"patientInitiated\":true,\"createdAt\":\"2026-11-23T10:15:30Z\","
            + "\"updatedAt\":\"2026-11-23T10:15:30Z\",\"addressedTo\":null,\"closedAt\":null,"
            + "\"messages\":[{\"id\":\"5c2d9a8e-1f3b-4d6a-8e7c-9b0a1d2c3e4f\",\"authorId\":\"6c1e0a52-...\","
            + "\"authorRole\":\"PATIENT\",\"authorCredential\":null,\"body\":\"Could you refill my albuterol inhaler?\","
            + "\"postedAt\":\"2026-11-23T10:15:30Z\",\"timeSpentMinutes\":null,\"clinicalAssessment\":null}],"
            + "\"readReceipts\":[]}";

    static final String THREAD_PAGE = "{\"items\":[{\"id\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\",\"patientId\":\"P-1001\","
            + "\"careTeam\":\"family-medicine\",\"subject\":\"Inhaler refill\",\"topic\":\"MEDICATION\","
            + "\"status\":\"AWAITING_CARE_TEAM\",\"patientInitiated\":true,\"createdAt\":\"2026-11-23T10:15:30Z\","
            + "\"updatedAt\":\"2026-11-23T10:15:30Z\",\"addressedTo\":null,\"closedAt\":null}],"
            + "\"nextCursor\":\"MTc2Mzg5MjkzMDAwMDAwMDowYjZmM2Y1ZS04ZDFjLTRjNGUtOWY1Ny0yYjFkM2M0YTVlNmY\"}";

    static final String RECEIPT = "{\"threadId\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\",\"readerId\":\"6c1e0a52-...\","
            + "\"readerRole\":\"PATIENT\",\"lastReadMessageId\":\"5c2d9a8e-1f3b-4d6a-8e7c-9b0a1d2c3e4f\","
            + "\"readAt\":\"2026-11-23T11:02:00Z\"}";

    static final String VALIDATION = "{\"type\":\"https://careline.dev/problems/validation-failed\",\"title\":\"Bad Request\","
            + "\"status\":400,\"detail\":\"The request has invalid fields.\",\"instance\":\"/api/v1/threads\","
            + "\"violations\":[{\"field\":\"subject\",\"message\":\"must not be blank\"}]}";

    static final String NOT_FOUND = "{\"type\":\"https://careline.dev/problems/not-found\",\"title\":\"Not Found\","
            + "\"status\":404,\"detail\":\"No thread with this id is visible to you.\","
            + "\"instance\":\"/api/v1/threads/0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\"}";

    static final String FORBIDDEN = "{\"type\":\"https://careline.dev/problems/forbidden\",\"title\":\"Forbidden\","
            + "\"status\":403,\"detail\":\"Your role does not give access to messages.\",\"instance\":\"/api/v1/threads\"}";

    static final String CLOSED = "{\"type\":\"https://careline.dev/problems/thread-closed\",\"title\":\"Conflict\","
            + "\"status\":409,\"detail\":\"This thread is closed; open a new thread instead.\","
            + "\"instance\":\"/api/v1/threads/0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f/messages\"}";

    static final String GRANT = "{\"id\":\"7d3e2c1b-0a9f-4e8d-b7c6-5a4b3c2d1e0f\",\"caregiver\":\"caregiver1\","
            + "\"patientId\":\"P-1001\",\"scope\":\"READ_WRITE\",\"expiresAt\":\"2027-11-23T00:00:00Z\","
            + "\"grantedBy\":\"2f1e...\",\"createdAt\":\"2026-11-23T10:00:00Z\",\"updatedAt\":\"2026-11-23T10:00:00Z\","
            + "\"revokedAt\":null,\"active\":true}";

    private ApiExamples() {
    }
}
