package io.campaignpulse.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The application's own configuration as packaged (src/main/resources/application.properties), read
 * without starting Quarkus, so that the manifests are checked against what the service really serves.
 */
final class AppConfig {

    private static final Path FILE = Path.of("src/main/resources/application.properties");

    private final Properties properties = new Properties();

    AppConfig() {
        try (Reader reader = Files.newBufferedReader(FILE)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value the prod profile sees (a {@code %prod.} entry wins over the plain one). */
    String prod(String key, String defaultValue) {
        String value = properties.getProperty("%prod." + key, properties.getProperty(key));
        return value == null ? defaultValue : value.trim();
    }

    /** Every key named in the file, profile prefixes removed. */
    Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        return keys;
    }

    int httpPort() {
        return Integer.parseInt(prod("quarkus.http.port", "8080"));
    }

    /** Health and metrics have their own server (quarkus.management.enabled) instead of the public port. */
    boolean managementEnabled() {
        return Boolean.parseBoolean(prod("quarkus.management.enabled", "false"));
    }

    /** The port serving health and metrics: the management interface's when enabled, else the public one. */
    int managementPort() {
        return managementEnabled() ? Integer.parseInt(prod("quarkus.management.port", "9000")) : httpPort();
    }

    Duration shutdownTimeout() {
        return Duration.parse(prod("quarkus.shutdown.timeout", "PT0S"));
    }

    /** Where SmallRye Health serves a check group ("ready", "live", "started"). */
    String healthPath(String group) {
        String groupPath = prod("quarkus.smallrye-health." + switch (group) {
            case "ready" -> "readiness-path";
            case "live" -> "liveness-path";
            case "started" -> "startup-path";
            default -> throw new IllegalArgumentException(group);
        }, group);
        return join(nonApplicationRoot(), prod("quarkus.smallrye-health.root-path", "health"), groupPath);
    }

    String metricsPath() {
        return join(nonApplicationRoot(), prod("quarkus.micrometer.export.prometheus.path", "metrics"));
    }

    private String nonApplicationRoot() {
        if (managementEnabled()) {
            return prod("quarkus.management.root-path", "q");
        }
        return prod("quarkus.http.non-application-root-path", "q");
    }

    private static String join(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (segment.startsWith("/")) {
                // Quarkus reads a path that starts with '/' as absolute, not under the previous one.
                path.setLength(0);
            }
            String trimmed = segment.replaceAll("^/+|/+$", "");
            if (!trimmed.isEmpty()) {
                path.append('/').append(trimmed);
            }
        }
        return path.toString();
    }

    /** The environment form SmallRye Config reads a key from: non-alphanumerics become '_', upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }
}
