package org.careline.bench.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and memory of the local stack's processes, read from {@code /proc} for the PIDs in
 * {@code $CARELINE_HOME/pids/<part>.pid} (Linux only; a part without a live PID is left out).
 */
public final class ProcessStats {

    /** USER_HZ: the unit of utime/stime in /proc/PID/stat (100 on every Linux we run). */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    /** One reading: cumulative CPU time, resident memory now and its peak (high-water mark). */
    public record Sample(long pid, long cpuMillis, long rssKb, long peakRssKb) {
    }

    private ProcessStats() {
    }

    /** part name -> sample, for every pid file whose process is alive. */
    public static Map<String, Sample> read(Path careLineHome) {
        Map<String, Sample> out = new TreeMap<>();
        Path pids = careLineHome.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pids, "*.pid")) {
            for (Path file : files) {
                String part = file.getFileName().toString().replaceFirst("\\.pid$", "");
                String digits = Files.readString(file).replaceAll("[^0-9]", "");
                if (digits.isEmpty()) {
                    continue;
                }
                long pid = Long.parseLong(digits);
                Path proc = Path.of("/proc", digits);
                if (!Files.isDirectory(proc)) {
                    continue;
                }
                out.put(part, new Sample(pid, cpuMillis(Files.readString(proc.resolve("stat"))),
                        statusKb(Files.readString(proc.resolve("status")), "VmRSS"),
                        statusKb(Files.readString(proc.resolve("status")), "VmHWM")));
            }
        } catch (IOException e) {
            // a process that exits while we read it: report what was read
        }
        return out;
    }

    /** utime + stime (fields 14 and 15) of /proc/PID/stat, in ms; the command name may contain spaces. */
    static long cpuMillis(String stat) {
        String afterName = stat.substring(stat.lastIndexOf(')') + 2);
        String[] f = afterName.trim().split("\\s+");
        // afterName starts at field 3 (state): utime is field 14 -> index 11, stime 15 -> index 12
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /** A "Name:   1234 kB" line of /proc/PID/status, in kB; -1 when absent. */
    static long statusKb(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Machine load averages (1, 5, 15 min) and core count, for the summary's "machine" line. */
    public static String machine() {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            load = "?";
        }
        return Runtime.getRuntime().availableProcessors() + " cores, load average " + load;
    }
}
