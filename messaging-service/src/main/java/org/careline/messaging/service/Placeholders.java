package org.careline.messaging.service;

import org.careline.platform.problem.ProblemException;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} placeholders. Only names we know are allowed: an unknown one is a 400 problem
 * naming it (placeholder names are template text written by staff, never patient data).
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");
    private static final Pattern UNCLOSED = Pattern.compile("\\{\\{(?![^{}]*}})");

    private Placeholders() {
    }

    /** The placeholder names {@code text} uses that are not in {@code known}, sorted. */
    public static Set<String> unknown(String text, Set<String> known) {
        Set<String> unknown = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /** Refuses text with unknown or malformed placeholders with a 400 problem. */
    public static void check(String text, Set<String> known) {
        Set<String> unknown = unknown(text, known);
        if (!unknown.isEmpty()) {
            throw new ProblemException(400, "unknown-placeholder", "Bad Request",
                    "Unknown placeholders: " + String.join(", ", unknown) + ". Known: " + String.join(", ", new TreeSet<>(known)) + ".");
        }
        if (UNCLOSED.matcher(text).find() || PLACEHOLDER.matcher(text).replaceAll("").contains("{{")) {
            throw new ProblemException(400, "unknown-placeholder", "Bad Request",
                    "A placeholder is malformed: write {{name}}.");
        }
    }

    /** {@code text} with every placeholder replaced by its value; unknown ones are a 400 problem. */
    public static String fill(String text, Map<String, String> values) {
        check(text, values.keySet());
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
