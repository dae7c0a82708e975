package org.careline.bench.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and memory of the local stack's processes, read from {@code /proc} for the PIDs in
 * {@code $CARELINE_HOME/pids/<part>.pid} and their descendants (a shell's java), plus the processes whose
 * program lies under {@code $CARELINE_HOME/<part>/} with theirs (the PostgreSQL server daemonizes away from its
 * launcher; its backends are its children), summed per part (Linux only; a part without a live PID is left out).
 */
public final class ProcessStats {

    /** USER_HZ: the unit of utime/stime in /proc/PID/stat (100 on every Linux we run). */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    /**
     * One reading of a part's process tree: cumulative CPU time, resident memory now and the sum of each
     * process's peak (high-water mark; an upper bound of the tree's peak), and how many processes.
     */
    public record Sample(long pid, long cpuMillis, long rssKb, long peakRssKb, int processes) {
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
        Map<Long, List<Long>> children = children();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pids, "*.pid")) {
            for (Path file : files) {
                String part = file.getFileName().toString().replaceFirst("\\.pid$", "");
                String digits = Files.readString(file).replaceAll("[^0-9]", "");
                if (digits.isEmpty()) {
                    continue;
                }
                long pid = Long.parseLong(digits);
                if (!Files.isDirectory(Path.of("/proc", digits))) {
                    continue;
                }
                long cpu = 0;
                long rss = 0;
                long peak = 0;
                int count = 0;
                Set<Long> members = new LinkedHashSet<>(tree(pid, children));
                for (long owned : ownedBy(careLineHome.resolve(part))) {
                    members.addAll(tree(owned, children));
                }
                for (long p : members) {
                    try {
                        Path proc = Path.of("/proc", Long.toString(p));
                        String status = Files.readString(proc.resolve("status"));
                        cpu += cpuMillis(Files.readString(proc.resolve("stat")));
                        rss += Math.max(0, statusKb(status, "VmRSS"));
                        peak += Math.max(0, statusKb(status, "VmHWM"));
                        count++;
                    } catch (IOException gone) {
                        // exited meanwhile
                    }
                }
                out.put(part, new Sample(pid, cpu, rss, peak, count));
            }
        } catch (IOException e) {
            // a process that exits while we read it: report what was read
        }
        return out;
    }

    /** parent pid -> child pids, from /proc/PID/stat field 4. */
    static Map<Long, List<Long>> children() {
        Map<Long, List<Long>> out = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    long ppid = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+")[1]);
                    out.computeIfAbsent(ppid, k -> new ArrayList<>()).add(Long.parseLong(proc.getFileName().toString()));
                } catch (IOException | RuntimeException gone) {
                    // exited meanwhile, or not a process directory
                }
            }
        } catch (IOException e) {
            // no /proc: no children
        }
        return out;
    }

    /** Processes whose program (argv[0]) lies under the directory. */
    static List<Long> ownedBy(Path dir) {
        List<Long> out = new ArrayList<>();
        String prefix = dir.toAbsolutePath().normalize() + "/";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")));
                    int end = cmdline.indexOf('\0');
                    String argv0 = end < 0 ? cmdline : cmdline.substring(0, end);
                    if (argv0.startsWith(prefix)) {
                        out.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return out;
    }

    /** The pid and all its descendants. */
    static List<Long> tree(long root, Map<Long, List<Long>> children) {
        List<Long> out = new ArrayList<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long p = todo.pop();
            out.add(p);
            todo.addAll(children.getOrDefault(p, List.of()));
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
