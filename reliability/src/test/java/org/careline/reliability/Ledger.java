package org.careline.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The per-scenario ledger: what clients were told, what every service stored, and the verdict. */
final class Ledger {

    record Row(String scenario, String fault, int posted, int accepted, int refused, int unreachable, int failed,
               long slowestMillis, Reconciler.Counts counts, boolean auditValid, boolean ready, long seconds,
               String otherAnswers, List<String> problems) {

        boolean passed() {
            return problems.isEmpty();
        }
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
        System.out.println(table(List.of(row)));
        System.out.println("  answers other than 2xx: " + (row.otherAnswers().isEmpty() ? "none" : row.otherAnswers()));
        row.problems().forEach(problem -> System.out.println("  ! " + problem));
    }

    synchronized String table() {
        return table(rows);
    }

    synchronized void write(Path file, String header) throws IOException {
        StringBuilder out = new StringBuilder("# Reliability ledger\n\n").append(header).append("\n\n").append(table(rows));
        out.append("\n| scenario | fault | answers other than 2xx |\n|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.scenario()).append(" | ").append(row.fault()).append(" | ")
                    .append(row.otherAnswers().isEmpty() ? "none" : row.otherAnswers()).append(" |\n");
        }
        for (Row row : rows) {
            if (!row.passed()) {
                out.append("\n**").append(row.scenario()).append("** did not pass:\n");
                row.problems().forEach(problem -> out.append("- ").append(problem).append('\n'));
            }
        }
        out.append("\nWritten ").append(Instant.now()).append('\n');
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
    }

    private static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(
                "| scenario | posted | accepted | refused 5xx | unreachable | failed | slowest ms | stored | stored, not acknowledged"
                        + " | triaged | queued | billed | audited | duplicates | audit verify | ready | seconds | result |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|\n");
        for (Row row : rows) {
            Reconciler.Counts c = row.counts();
            out.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s | %s | %d | %s |%n",
                    row.scenario(), row.posted(), row.accepted(), row.refused(), row.unreachable(), row.failed(),
                    row.slowestMillis(), c.stored(), c.unacknowledged(), c.triaged(), c.queued(), c.billed(),
                    c.audited(), c.duplicates(), row.auditValid() ? "valid" : "INVALID", row.ready() ? "yes" : "NO",
                    row.seconds(), row.passed() ? "pass" : "FAIL"));
        }
        return out.toString();
    }
}
