package org.careline.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.careline.events.EventType;
import org.careline.events.Topics;

/**
 * The Kafka topics, producers and consumers as the code declares them, so the manifests are checked against
 * the code rather than against a list kept beside them:
 * <ul>
 * <li>topics: every {@link Topics} constant (read by reflection), every {@link EventType}'s topic, every topic of
 * the services' {@code application.properties}, and every topic of {@code docs/events.md};</li>
 * <li>consumers: each service's {@code mp.messaging.incoming.*} channels (topic, {@code group.id} and
 * dead-letter topic);</li>
 * <li>producers: through the outbox a service publishes the event types of its own area
 * ({@code careline.<area>.*} for {@code <area>-service}) and, through {@code AuditTrail}, audit records;
 * plus any {@code mp.messaging.outgoing.*} channel other than the outbox's.</li>
 * </ul>
 */
final class CodeTopics {

    static final String OUTBOX_CHANNEL = "careline-outbox";

    /** A Kafka-using service: its name and its resolved application.properties. */
    record KafkaService(String name, Properties config) {

        /** The part of the name before {@code -service}: {@code triage} for triage-service. */
        String area() {
            return name.replaceFirst("-service$", "");
        }
    }

    /** What a service reads: topic, consumer group and dead-letter topic (null without one). */
    record Consumption(String channel, String topic, String group, String deadLetterTopic) {
    }

    private CodeTopics() {
    }

    /** The root pom's modules whose application.properties configure Kafka. */
    static List<KafkaService> kafkaServices() {
        List<KafkaService> services = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(read(Repo.ROOT.resolve("pom.xml")));
        while (m.find()) {
            Path props = Repo.ROOT.resolve(m.group(1)).resolve("src/main/resources/application.properties");
            if (Files.exists(props)) {
                Properties p = load(props);
                if (p.getProperty("kafka.bootstrap.servers") != null) {
                    services.add(new KafkaService(m.group(1), p));
                }
            }
        }
        return services;
    }

    static List<Consumption> consumptions(KafkaService s) {
        List<Consumption> out = new ArrayList<>();
        for (String channel : channels(s.config(), "incoming")) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            String group = s.config().getProperty(prefix + "group.id", s.config().getProperty("quarkus.application.name"));
            String dlq = null;
            if ("dead-letter-queue".equals(s.config().getProperty(prefix + "failure-strategy"))) {
                dlq = s.config().getProperty(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + channel);
            }
            for (String topic : topicsOf(s.config(), prefix, channel)) {
                out.add(new Consumption(channel, topic, group, dlq));
            }
        }
        return out;
    }

    /** The topics {@code s} writes (outbox area events, audit records, DLQs, other outgoing channels). */
    static Set<String> produced(KafkaService s) {
        Set<String> out = new TreeSet<>();
        for (EventType t : EventType.values()) {
            if (t.topic().startsWith("careline." + s.area() + ".")) {
                out.add(t.topic());
            }
        }
        out.add(EventType.ACCESS_RECORDED.topic());
        for (String channel : channels(s.config(), "outgoing")) {
            if (!channel.equals(OUTBOX_CHANNEL)) {
                out.addAll(topicsOf(s.config(), "mp.messaging.outgoing." + channel + ".", channel));
            }
        }
        consumptions(s).stream().map(Consumption::deadLetterTopic).filter(t -> t != null).forEach(out::add);
        return out;
    }

    /** Every topic the code and docs/events.md name. */
    static Set<String> allTopics() {
        Set<String> topics = new TreeSet<>(topicConstants());
        for (EventType t : EventType.values()) {
            topics.add(t.topic());
        }
        for (KafkaService s : kafkaServices()) {
            consumptions(s).forEach(c -> topics.add(c.topic()));
            topics.addAll(produced(s));
        }
        topics.addAll(documentedTopics());
        return topics;
    }

    /** The {@code String} constants of {@link Topics} that name a topic (prefixes, ending in a dot, excluded). */
    static Set<String> topicConstants() {
        Set<String> out = new TreeSet<>();
        for (Field f : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    f.setAccessible(true);
                    String v = (String) f.get(null);
                    if (!v.endsWith(".")) {
                        out.add(v);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    /** The topics of the table in docs/events.md ({@code careline.dlq.<service>} is a pattern, not a topic). */
    static Set<String> documentedTopics() {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\|\\s*`(careline\\.[a-z0-9.\\-]+)`\\s*\\|")
                .matcher(read(Repo.ROOT.resolve("docs/events.md")));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> channels(Properties p, String direction) {
        Set<String> out = new TreeSet<>();
        String prefix = "mp.messaging." + direction + ".";
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                out.add(rest.startsWith("\"") ? rest.substring(1, rest.indexOf('"', 1)) : rest.substring(0, rest.indexOf('.')));
            }
        }
        return out;
    }

    private static List<String> topicsOf(Properties p, String prefix, String channel) {
        String topics = p.getProperty(prefix + "topics");
        if (topics != null) {
            return List.of(topics.split("\\s*,\\s*"));
        }
        return List.of(p.getProperty(prefix + "topic", channel));
    }

    /** application.properties with the {@code %prod.} lines applied and other profiles' lines left out. */
    private static Properties load(Path file) {
        Properties raw = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            raw.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties resolved = new Properties();
        raw.stringPropertyNames().stream().filter(k -> !k.startsWith("%"))
                .forEach(k -> resolved.setProperty(k, raw.getProperty(k)));
        raw.stringPropertyNames().stream().filter(k -> k.startsWith("%prod."))
                .forEach(k -> resolved.setProperty(k.substring("%prod.".length()), raw.getProperty(k)));
        return resolved;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
