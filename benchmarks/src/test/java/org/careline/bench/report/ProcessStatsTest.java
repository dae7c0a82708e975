package org.careline.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessStatsTest {

    @Test
    void cpuFromStatEvenWithSpacesInTheName() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java main (x)) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 130 0 0 20 0 30 0 1000";
        assertEquals((250 + 130) * 10, ProcessStats.cpuMillis(stat));
    }

    @Test
    void kilobytesFromStatus() {
        String status = "Name:\tjava\nVmHWM:\t  301234 kB\nVmRSS:\t  200100 kB\n";
        assertEquals(200100, ProcessStats.statusKb(status, "VmRSS"));
        assertEquals(301234, ProcessStats.statusKb(status, "VmHWM"));
        assertEquals(-1, ProcessStats.statusKb(status, "VmSwap"));
    }

    @Test
    void readsLivePidFilesAndSkipsDeadOnes(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("pids"));
        Files.writeString(home.resolve("pids/self.pid"), ProcessHandle.current().pid() + "\n");
        Files.writeString(home.resolve("pids/gone.pid"), "999999999\n");
        Map<String, ProcessStats.Sample> read = ProcessStats.read(home);
        assertEquals(1, read.size());
        ProcessStats.Sample self = read.get("self");
        assertEquals(ProcessHandle.current().pid(), self.pid());
        assertTrue(self.rssKb() > 0 && self.peakRssKb() >= self.rssKb());
        assertTrue(ProcessStats.read(home.resolve("missing")).isEmpty());
    }

    @Test
    void aPartIncludesItsDescendants() throws Exception {
        Map<Long, java.util.List<Long>> children = Map.of(1L, java.util.List.of(2L, 3L), 3L, java.util.List.of(4L));
        assertEquals(java.util.Set.of(1L, 2L, 3L, 4L), new java.util.HashSet<>(ProcessStats.tree(1L, children)));
        assertEquals(java.util.List.of(9L), ProcessStats.tree(9L, children));

        Path bin = Files.createTempDirectory("bench-part");
        Path sleep = Files.copy(Path.of("/bin/sleep"), bin.resolve("sleep"));
        sleep.toFile().setExecutable(true);
        Process child = new ProcessBuilder(sleep.toString(), "30").start();
        try {
            assertTrue(ProcessStats.tree(ProcessHandle.current().pid(), ProcessStats.children()).contains(child.pid()));
            // a daemon that left its launcher is still found by where its program lives
            assertEquals(java.util.List.of(child.pid()), ProcessStats.ownedBy(bin));
        } finally {
            child.destroy();
            child.waitFor();
            Files.deleteIfExists(sleep);
            Files.deleteIfExists(bin);
        }
    }
}
