package org.careline.triage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The shipped labelled messages (dev set, every probe round) and the words of the shipped rules, for matcher tests. */
final class MatcherCorpus {

    static final List<String> SETS = List.of("triage/dev-set.jsonl", "triage/probe-set.jsonl",
            "triage/probe-set-5.jsonl", "triage/probe-set-6.jsonl", "triage/probe-set-7.jsonl", "triage/probe-set-8.jsonl");

    private MatcherCorpus() {
    }

    static List<LabelledMessage> messages() {
        List<LabelledMessage> all = new ArrayList<>();
        for (String set : SETS) {
            all.addAll(LabelledMessage.fromClasspath(set));
        }
        return all;
    }

    /** Every distinct word of the messages, as the classifier scans them. */
    static Set<String> messageWords() {
        Set<String> words = new TreeSet<>();
        for (LabelledMessage m : messages()) {
            for (ScannedText.Clause clause : ScannedText.of(m.subject(), m.body(), Set.of()).clauses()) {
                words.addAll(clause.words());
            }
        }
        return words;
    }

    /** Every word alternative of every string in the shipped rules, cleaned as {@link Phrase} compiles them. */
    static Set<String> ruleWords() {
        try (InputStream in = MatcherCorpus.class.getClassLoader().getResourceAsStream("triage-rules.json")) {
            Set<String> words = new TreeSet<>();
            collect(new ObjectMapper().readTree(in), words);
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, Set<String> words) {
        if (node.isTextual()) {
            for (String part : ScannedText.normalize(node.asText()).trim().split("\\s+")) {
                if (part.startsWith("~") || part.startsWith("@") || part.startsWith("#")) {
                    continue;
                }
                for (String w : part.split("\\|")) {
                    String cleaned = w.replaceAll("[^\\p{L}\\p{N}.*]", "");
                    if (!cleaned.isEmpty() && !cleaned.equals("*")) {
                        words.add(cleaned);
                    }
                }
            }
            return;
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collect(it.next(), words);
        }
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                collect(com.fasterxml.jackson.databind.node.TextNode.valueOf(it.next()), words);
            }
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
