package org.careline.triage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careline.events.Category;
import org.careline.events.Urgency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of the shipped labelled corpus (the dev set and the team's probe rounds, JSON lines
 * {@code {id, subject, body, urgency, category}}), which the statistical layer is trained on.
 */
public record LabelledMessage(String id, String subject, String body, Urgency urgency, Category category) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public MessageText text() {
        return new MessageText(subject, body, null);
    }

    @Override
    public String toString() {
        return "LabelledMessage[" + id + "]";
    }

    /** Reads a JSON-lines classpath resource. */
    public static List<LabelledMessage> fromClasspath(String resource) {
        InputStream in = LabelledMessage.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("labelled set not found: " + resource);
        }
        return read(in, resource);
    }

    static List<LabelledMessage> read(InputStream in, String name) {
        List<LabelledMessage> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = MAPPER.readTree(line);
                out.add(new LabelledMessage(n.path("id").asText(), n.path("subject").asText(""),
                        n.path("body").asText(""), Urgency.valueOf(n.path("urgency").asText()),
                        Category.valueOf(n.path("category").asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labelled set " + name, e);
        }
        return out;
    }
}
