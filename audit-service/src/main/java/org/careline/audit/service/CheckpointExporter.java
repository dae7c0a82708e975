package org.careline.audit.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.config.AuditConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a copy of every checkpoint outside the database: one JSON line per checkpoint appended to
 * {@code <export-dir>/<chain id with / as _>.jsonl}. Verification reads these copies back, so deleting or
 * rewriting checkpoints in the database does not hide a rewritten chain. Blocking file I/O: call from a worker.
 */
@ApplicationScoped
public class CheckpointExporter {

    private final Optional<Path> dir;
    private final ObjectMapper json;

    public CheckpointExporter(AuditConfig config, ObjectMapper json) {
        this.dir = config.checkpoint().exportDir();
        this.json = json;
    }

    public boolean enabled() {
        return dir.isPresent();
    }

    public synchronized void export(Checkpoint checkpoint) {
        if (dir.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(dir.get());
            String line = json.writeValueAsString(checkpoint) + "\n";
            Files.writeString(file(checkpoint.chainId()), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export checkpoint " + checkpoint.chainId() + "#" + checkpoint.seq(), e);
        }
    }

    /** The exported checkpoints of one chain; a line that does not parse is skipped and logged. */
    public synchronized List<Checkpoint> read(String chainId) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        if (dir.isEmpty() || !Files.exists(file(chainId))) {
            return checkpoints;
        }
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file(chainId), StandardCharsets.UTF_8)) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    checkpoints.add(json.readValue(line, Checkpoint.class));
                } catch (IOException e) {
                    Log.warnf("exported checkpoint line %d of chain %s does not parse", lineNumber, chainId);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read exported checkpoints of " + chainId, e);
        }
        return checkpoints;
    }

    private Path file(String chainId) {
        return dir.orElseThrow().resolve(chainId.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
    }
}
