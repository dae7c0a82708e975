package org.careline.triage.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A compiled rule phrase. Syntax (see the README): words separated by spaces; {@code a|b} is either
 * word; {@code word*} any word starting with it; {@code ~N} up to N words of any kind; {@code @name}
 * any member of the concept {@code name} (expanded when compiled, so one rule phrase can become many).
 * Words of six letters or more also match with one typo (see {@link WordMatcher}). Phrases match
 * inside one clause. Compiled lists are {@link PhraseList}s, indexed by first word.
 */
final class Phrase {

    private final String source;
    private final Object[] elements; // String[] alternatives, or Integer gap

    private Phrase(String source, Object[] elements) {
        this.source = source;
        this.elements = elements;
    }

    /** The rule phrase as written in the rules, for explanations. */
    String source() {
        return source;
    }

    /** Compiles a rule phrase, expanding concept references; fails on unknown concepts or empty phrases. */
    static List<Phrase> compile(String text, Map<String, List<String>> concepts) {
        return PhraseList.of(compile(text, text, concepts, 0));
    }

    private static List<Phrase> compile(String source, String text, Map<String, List<String>> concepts, int depth) {
        if (depth > 4) {
            throw new IllegalStateException("triage phrase concepts nest too deep: '" + source + "'");
        }
        String[] parts = ScannedText.normalize(text).trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("@")) {
                List<String> members = concepts.get(parts[i].substring(1));
                if (members == null) {
                    throw new IllegalStateException("triage phrase '" + source + "' names an unknown concept " + parts[i]);
                }
                List<Phrase> expanded = new ArrayList<>();
                String before = String.join(" ", Arrays.copyOfRange(parts, 0, i));
                String after = String.join(" ", Arrays.copyOfRange(parts, i + 1, parts.length));
                for (String member : members) {
                    if (member.startsWith("#")) {
                        continue; // a reading tag: matched by the rule member, not as words
                    }
                    expanded.addAll(compile(source, before + " " + member + " " + after, concepts, depth + 1));
                }
                return expanded;
            }
        }
        List<Object> elements = new ArrayList<>();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.matches("~\\d+")) {
                elements.add(Integer.parseInt(part.substring(1)));
            } else {
                String[] alternatives = Arrays.stream(part.split("\\|"))
                        .map(w -> w.replaceAll("[^\\p{L}\\p{N}.*]", ""))
                        .filter(w -> !w.isEmpty() && !w.equals("*"))
                        .toArray(String[]::new);
                if (alternatives.length == 0) {
                    throw new IllegalStateException("triage phrase '" + source + "' has an empty word");
                }
                elements.add(alternatives);
            }
        }
        if (elements.isEmpty() || !(elements.get(0) instanceof String[])
                || !(elements.get(elements.size() - 1) instanceof String[])) {
            throw new IllegalStateException("triage phrase '" + source + "' must start and end with a word");
        }
        return List.of(new Phrase(source, elements.toArray()));
    }

    /** The end (exclusive) of a match starting at {@code start}, or -1. */
    int matchAt(List<String> words, int start, WordMatcher matcher) {
        return match(words, start, 0, matcher);
    }

    /**
     * The end (exclusive) of a match whose first word matched the word before {@code next}, or -1: the same as
     * {@link #matchAt} at {@code next - 1} once the first word is known to match (for {@link PhraseList}'s index).
     */
    int matchAfterFirst(List<String> words, int next, WordMatcher matcher) {
        return match(words, next, 1, matcher);
    }

    /** The alternatives of the first word (never a gap). Not to be modified. */
    String[] firstWord() {
        return (String[]) elements[0];
    }

    /** The compiled phrase in rule syntax ({@code chest ~2 pain|pressure}): rule vocabulary, for tests and messages. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Object e : elements) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(e instanceof Integer gap ? "~" + gap : String.join("|", (String[]) e));
        }
        return out.toString();
    }

    private int match(List<String> words, int pos, int element, WordMatcher matcher) {
        if (element == elements.length) {
            return pos;
        }
        Object e = elements[element];
        if (e instanceof Integer gap) {
            for (int skip = 0; skip <= gap && pos + skip <= words.size(); skip++) {
                int end = match(words, pos + skip, element + 1, matcher);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        if (pos >= words.size()) {
            return -1;
        }
        for (String alternative : (String[]) e) {
            if (matcher.matches(alternative, words.get(pos))) {
                return match(words, pos + 1, element + 1, matcher);
            }
        }
        return -1;
    }
}
