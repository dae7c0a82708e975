package org.careline.bench.report;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Consumer-group lag of every group, sampled every second from the start of the load until {@link #close()}
 * (AdminClient: committed offsets against end offsets). One admin client for the whole run; a sample that fails
 * (broker busy) is skipped, so the series may have gaps.
 */
public final class LagSeries implements AutoCloseable {

    private final Admin admin;
    private final Instant origin;
    private final Map<String, List<LagTrend.Sample>> byGroup = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-lag-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile List<String> groups = List.of();
    private volatile Instant groupsListed = Instant.EPOCH;

    private LagSeries(String bootstrap, Instant origin) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        this.admin = Admin.create(props);
        this.origin = origin;
    }

    /** Starts sampling now, every second; times are seconds since {@code origin}. */
    public static LagSeries start(String bootstrap, Instant origin) {
        LagSeries series = new LagSeries(bootstrap, origin);
        series.timer.scheduleWithFixedDelay(series::sampleQuietly, 0, 1, TimeUnit.SECONDS);
        return series;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a missed sample is a gap in the series
        }
    }

    private void sample() throws Exception {
        Instant now = Instant.now();
        if (groups.isEmpty() || Duration.between(groupsListed, now).toSeconds() >= 10) {
            List<String> listed = new ArrayList<>();
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
                listed.add(g.groupId());
            }
            groups = List.copyOf(new TreeSet<>(listed));
            groupsListed = now;
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            committed.put(group, offsets);
            offsets.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
        double at = Duration.between(origin, now).toMillis() / 1000.0;
        committed.forEach((group, offsets) -> {
            long lag = 0;
            long end = 0;
            for (var e : offsets.entrySet()) {
                var info = ends.get(e.getKey());
                if (info != null) {
                    end += info.offset();
                    if (e.getValue() != null) {
                        lag += Math.max(0, info.offset() - e.getValue().offset());
                    }
                }
            }
            byGroup.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(new LagTrend.Sample(at, lag, end));
        });
    }

    /** group -> its samples, oldest first. */
    public Map<String, List<LagTrend.Sample>> samples() {
        Map<String, List<LagTrend.Sample>> out = new TreeMap<>();
        byGroup.forEach((g, list) -> out.put(g, List.copyOf(list)));
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }

    /** Every sample as CSV: seconds, group, lag, end offsets. */
    public static void writeCsv(Path file, Map<String, List<LagTrend.Sample>> samples) {
        StringBuilder csv = new StringBuilder("seconds,group,lag,end_offsets\n");
        samples.forEach((group, list) -> list.forEach(s -> csv.append(String.format(java.util.Locale.ROOT, "%.1f,%s,%d,%d%n",
                s.atSeconds(), group, s.lag(), s.endOffsets()))));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
