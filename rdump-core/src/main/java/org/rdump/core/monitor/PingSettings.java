package org.rdump.core.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.core.status.Durations;

/**
 * The {@code ping:} section: where a backup run reports that it started, succeeded or failed
 * (healthchecks.io style). Immutable.
 *
 * @param start pinged when a backup run starts, or null
 * @param success pinged when it succeeded, or null
 * @param failure pinged when it failed (the error text is the body), or null
 * @param timeout per attempt
 * @param retries further attempts after a failed one
 */
public record PingSettings(@Nullable URI start, @Nullable URI success, @Nullable URI failure, Duration timeout,
                           int retries) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_RETRIES = 2;

    /** The keys of {@code ping:}. */
    public static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.optional("url", Type.STRING, null, "healthchecks-style check URL: `URL/start` when a backup run"
                    + " starts, `URL` when it succeeds, `URL/fail` when it fails"),
            Key.optional("start", Type.STRING, null, "URL pinged when a backup run starts (overrides `url`)"),
            Key.optional("success", Type.STRING, null, "URL pinged when a backup run succeeds (overrides `url`)"),
            Key.optional("failure", Type.STRING, null, "URL pinged, with the error text as the body, when a backup"
                    + " run fails (overrides `url`)"),
            Key.optional("timeout", Type.STRING, "10s", "how long one attempt may take"),
            Key.optional("retries", Type.INTEGER, Integer.toString(DEFAULT_RETRIES), "further attempts after a"
                    + " failed one, 1 s, 2 s, 4 s... apart"));

    /**
     * Reads checked {@code ping:} values; problems go to {@code problem(key, message)}.
     *
     * @return empty when no URL is configured
     */
    public static Optional<PingSettings> read(Map<String, Object> values, Problems problem) {
        URI base = uri(values, "url", problem);
        URI start = Optional.ofNullable(uri(values, "start", problem)).orElse(base == null ? null : child(base, "start"));
        URI success = Optional.ofNullable(uri(values, "success", problem)).orElse(base);
        URI failure = Optional.ofNullable(uri(values, "failure", problem)).orElse(base == null ? null : child(base, "fail"));
        Duration timeout = DEFAULT_TIMEOUT;
        Object t = values.get("timeout");
        if (t != null) {
            try {
                timeout = Durations.parse(String.valueOf(t));
            } catch (IllegalArgumentException e) {
                problem.add("timeout", e.getMessage());
            }
        }
        int retries = DEFAULT_RETRIES;
        Object r = values.get("retries");
        if (r instanceof Number n) {
            retries = n.intValue();
            if (retries < 0 || retries > 10) {
                problem.add("retries", "expected 0 to 10 further attempts, found " + retries);
                retries = DEFAULT_RETRIES;
            }
        }
        if (start == null && success == null && failure == null) {
            problem.add("", "no URL: set 'url' (a healthchecks check) or 'start', 'success', 'failure'");
            return Optional.empty();
        }
        return Optional.of(new PingSettings(start, success, failure, timeout, retries));
    }

    private static URI child(URI base, String path) {
        String s = base.toString();
        return URI.create((s.endsWith("/") ? s : s + "/") + path);
    }

    private static @Nullable URI uri(Map<String, Object> values, String key, Problems problem) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        try {
            URI u = new URI(String.valueOf(v));
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                problem.add(key, "expected an http:// or https:// URL with a host, found " + Pinger.masked(u));
                return null;
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            problem.add(key, "not a URL (" + e.getReason() + ")");
            return null;
        }
    }

    /** Where problems of the section go. */
    @FunctionalInterface
    public interface Problems {
        void add(String key, String message);
    }
}
