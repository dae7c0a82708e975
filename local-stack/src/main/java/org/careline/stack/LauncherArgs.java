package org.careline.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Tiny command-line helper shared by the launchers: {@code --name value} options, each with an
 * environment-variable fallback and a default, plus "block until the JVM is told to stop".
 */
final class LauncherArgs {

    private final String launcher;
    private final Map<String, String> options = new HashMap<>();

    private LauncherArgs(String launcher) {
        this.launcher = launcher;
    }

    /** Parses {@code --name value} and {@code --name=value} pairs; anything else is an error. */
    static LauncherArgs parse(String launcher, String[] args) {
        LauncherArgs parsed = new LauncherArgs(launcher);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw parsed.usage("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                parsed.options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                parsed.options.put(arg.substring(2), args[++i]);
            } else {
                throw parsed.usage("option " + arg + " needs a value");
            }
        }
        return parsed;
    }

    /** The option, else the environment variable, else the default (null = required). */
    String get(String option, String envVar, String defaultValue) {
        String value = options.get(option);
        if (value == null || value.isBlank()) {
            value = System.getenv(envVar);
        }
        if (value == null || value.isBlank()) {
            value = defaultValue;
        }
        if (value == null) {
            throw usage("missing --" + option + " (or environment variable " + envVar + ")");
        }
        return value;
    }

    int port(String option, String envVar, int defaultValue) {
        String value = get(option, envVar, Integer.toString(defaultValue));
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw usage("--" + option + " must be a TCP port, got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw usage("--" + option + " must be a number, got " + value);
        }
    }

    Path dir(String option, String envVar) {
        return Path.of(get(option, envVar, null)).toAbsolutePath().normalize();
    }

    private IllegalArgumentException usage(String message) {
        return new IllegalArgumentException(launcher + ": " + message);
    }

    /** Blocks the main thread until SIGTERM/SIGINT; the shutdown hooks do the cleanup. */
    static void awaitTermination() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
