package org.careline.platform.audit;

import org.careline.events.AuditAction;

import java.util.List;
import java.util.Map;

/**
 * What a refused request was after, read from the matched resource method and the request: the audit
 * fields of its DENIED record. Identifiers only (path parameters), never a body.
 *
 * @param resourceType from {@link AuditedResource} or the resource class name
 * @param resourceId   the path parameter {@code id}, else the first one named {@code ...Id} (not {@code patientId})
 * @param patientId    the path or query parameter {@code patientId}, if any
 */
public record DeniedAccess(AuditAction action, String resourceType, String resourceId, String patientId) {

    /** The longest identifier an audit record carries (the event's JSON Schema). */
    static final int MAX_ID = 128;
    private static final String PATIENT_ID = "patientId";

    static DeniedAccess of(String httpMethod, Class<?> resourceClass, Map<String, List<String>> pathParameters,
                           Map<String, List<String>> queryParameters) {
        String resourceId = first(pathParameters, "id");
        if (resourceId == null) {
            resourceId = pathParameters.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("Id") && !e.getKey().equals(PATIENT_ID))
                    .map(e -> single(e.getValue()))
                    .filter(v -> v != null)
                    .findFirst().orElse(null);
        }
        String patientId = first(pathParameters, PATIENT_ID);
        if (patientId == null) {
            patientId = first(queryParameters, PATIENT_ID);
        }
        return new DeniedAccess(action(httpMethod, resourceId), resourceType(resourceClass), resourceId, patientId);
    }

    static AuditAction action(String httpMethod, String resourceId) {
        return switch (httpMethod) {
            case "POST" -> AuditAction.CREATE;
            case "PUT", "PATCH" -> AuditAction.UPDATE;
            case "DELETE" -> AuditAction.DELETE;
            default -> resourceId != null ? AuditAction.READ : AuditAction.QUERY;
        };
    }

    static String resourceType(Class<?> resourceClass) {
        if (resourceClass == null) {
            return "Unknown";
        }
        AuditedResource named = resourceClass.getAnnotation(AuditedResource.class);
        if (named != null) {
            return named.value();
        }
        String name = resourceClass.getSimpleName();
        int generated = name.indexOf('_');           // CDI subclasses and client proxies
        if (generated > 0) {
            name = name.substring(0, generated);
        }
        return name.endsWith("Resource") && name.length() > "Resource".length()
                ? name.substring(0, name.length() - "Resource".length())
                : name;
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        return parameters == null ? null : single(parameters.get(name));
    }

    /**
     * An identifier that fits an audit record, else null: an oversized value, or one with control characters
     * (a NUL cannot be stored, and the refusal would go unaudited), is not an identifier.
     */
    private static String single(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.get(0);
        return value == null || value.isBlank() || value.length() > MAX_ID
                || value.chars().anyMatch(Character::isISOControl) ? null : value;
    }
}
