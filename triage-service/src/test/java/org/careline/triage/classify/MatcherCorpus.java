package org.careline.triage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The shipped labelled messages (every {@code triage/*.jsonl}: the dev set and every probe round) and the words of the
 * shipped rules, for matcher tests and the classify benchmark.
 */
final class MatcherCorpus {

    private MatcherCorpus() {
    }

    /** The labelled sets shipped with the service (main resources {@code triage/*.jsonl}), sorted by name. */
    static List<String> sets() {
        try {
            URL dir = MatcherCorpus.class.getClassLoader().getResource("triage/dev-set.jsonl");
            if (dir == null || !"file".equals(dir.getProtocol())) {
                throw new IllegalStateException("the labelled sets are not a classpath directory: " + dir);
            }
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()).getParent())) {
                List<String> sets = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                        .sorted().map(n -> "triage/" + n).toList();
                if (sets.size() < 2) {
                    throw new IllegalStateException("labelled sets missing: " + sets);
                }
                return sets;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<LabelledMessage> messages() {
        List<LabelledMessage> all = new ArrayList<>();
        for (String set : sets()) {
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
