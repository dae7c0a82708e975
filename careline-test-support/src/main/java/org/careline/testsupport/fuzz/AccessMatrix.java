package org.careline.testsupport.fuzz;

import org.careline.testsupport.fuzz.ApiFuzzer.AccessCell;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks of a generated authorization matrix ({@link ApiFuzzer#matrix}), shared by the services' tests.
 * Each check lists the offending cells as {@code "<operation> as <actor> -> <status>"}, so that a failed
 * assertion names them all.
 */
public final class AccessMatrix {

    /** A problem's {@code instance}: the request's own path, which the caller sent (their input, not data). */
    private static final Pattern INSTANCE = Pattern.compile("\"instance\"\\s*:\\s*\"[^\"]*\"");

    private AccessMatrix() {
    }

    /** How many distinct operations the cells cover. */
    public static long operations(Collection<AccessCell> cells) {
        return cells.stream().map(AccessCell::operation).distinct().count();
    }

    /** Cells answered with a 5xx, or with no response at all. */
    public static List<String> serverErrors(Collection<AccessCell> cells) {
        return named(cells, c -> c.status() >= 500 || c.status() < 0);
    }

    /**
     * Cells of actors outside {@code circle} whose body shows any of {@code values}, whatever the status. A
     * problem's {@code instance} (the request path the caller sent, ids included) does not count: it echoes the
     * caller's input and shows nothing they did not already have.
     */
    public static List<String> leaks(Collection<AccessCell> cells, Set<String> circle, List<String> values) {
        return named(cells, c -> !circle.contains(c.actor()) && shows(c.body(), values));
    }

    private static boolean shows(String body, List<String> values) {
        String shown = INSTANCE.matcher(body).replaceAll("");
        return values.stream().anyMatch(shown::contains);
    }

    /** Refusals (401/403) for whose request id {@code audited} finds no DENIED record. */
    public static List<String> unaudited(Collection<AccessCell> cells, Predicate<String> audited) {
        return named(cells, c -> (c.status() == 401 || c.status() == 403) && !audited.test(c.requestId()));
    }

    /** The number of refusals (401/403) among the cells. */
    public static long refusals(Collection<AccessCell> cells) {
        return cells.stream().filter(c -> c.status() == 401 || c.status() == 403).count();
    }

    /** The matrix as a table: a heading, then one line per operation, {@code actor=status}. */
    public static String table(String service, Collection<AccessCell> cells) {
        Map<String, String> rows = cells.stream().collect(Collectors.groupingBy(AccessCell::operation, TreeMap::new,
                Collectors.mapping(c -> c.actor() + "=" + c.status(), Collectors.joining(", "))));
        StringBuilder out = new StringBuilder("Generated access matrix of ").append(service).append(": ")
                .append(cells.size()).append(" calls over ").append(rows.size()).append(" operations\n");
        rows.forEach((op, line) -> out.append("  ").append(op).append(": ").append(line).append('\n'));
        return out.toString();
    }

    private static List<String> named(Collection<AccessCell> cells, Predicate<AccessCell> offending) {
        return cells.stream().filter(offending)
                .map(c -> c.operation() + " as " + c.actor() + " -> " + c.status()).toList();
    }
}
