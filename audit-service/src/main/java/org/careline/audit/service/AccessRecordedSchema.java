package org.careline.audit.service;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.CloudEvent;
import org.careline.events.EventType;
import org.careline.events.MalformedEventException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an audit record's payload against its published JSON Schema (shipped in careline-events),
 * so that a record with a missing or oversized field is refused as malformed (dead-letter topic)
 * instead of failing in the database. Errors name fields and rules, never values.
 */
@ApplicationScoped
public class AccessRecordedSchema {

    private final JsonSchema schema;

    public AccessRecordedSchema() {
        String path = EventType.ACCESS_RECORDED.schemaPath();
        try (InputStream in = EventType.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + path);
            }
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws MalformedEventException when the payload does not match the schema */
    public void check(CloudEvent event) {
        Set<ValidationMessage> errors = schema.validate(event.data());
        if (!errors.isEmpty()) {
            String where = errors.stream()
                    .map(e -> e.getInstanceLocation() + (e.getProperty() != null ? "." + e.getProperty() : "")
                            + " (" + e.getType() + ")")
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw new MalformedEventException("event " + event.id() + " does not match its schema: " + where);
        }
    }
}
