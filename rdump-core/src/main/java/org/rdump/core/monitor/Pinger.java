package org.rdump.core.monitor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.rdump.api.command.Secrets;

/**
 * Sends the pings of {@link PingSettings} with the JDK's HTTP client: a {@code POST} whose body
 * is a line of text (the error for a failure, at most 10 000 bytes), each attempt bounded by the
 * timeout, retried with a doubling pause. A ping that still fails is reported to {@code warn}
 * and never fails the run. A URL is never shown whole: a check URL's path is its secret (anyone
 * who knows it can ping), so messages show only {@code scheme://host:port/…} ({@link #masked}).
 */
public final class Pinger {
    static final int MAX_BODY = 10_000;
    private final PingSettings settings;
    private final Consumer<String> warn;
    private final HttpClient client;

    /** Which moment of the run a ping reports. */
    public enum Kind { START, SUCCESS, FAILURE }

    public Pinger(PingSettings settings, Consumer<String> warn) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.warn = Objects.requireNonNull(warn, "warn");
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Pings the URL for {@code kind}, if one is configured.
     *
     * @return whether the server answered 2xx (false also when no URL is configured)
     */
    public boolean ping(Kind kind, String body) {
        URI uri = switch (kind) {
            case START -> settings.start();
            case SUCCESS -> settings.success();
            case FAILURE -> settings.failure();
        };
        if (uri == null) {
            return false;
        }
        byte[] bytes = Secrets.redact(body).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY) {
            bytes = java.util.Arrays.copyOf(bytes, MAX_BODY);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("User-Agent", "rdump")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        String last = null;
        long pause = 1000;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                pause *= 2;
            }
            try {
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return true;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = "interrupted";
                break;
            }
        }
        warn.accept("the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " ping to " + masked(uri) + " failed ("
                + last + ", " + (settings.retries() + 1) + " attempts); the run's result is not affected");
        return false;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** {@code uri} with its path and query hidden: {@code https://hc-ping.com/…}. */
    public static String masked(@Nullable URI uri) {
        if (uri == null) {
            return "(none)";
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        boolean more = uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null;
        return uri.getScheme() + "://" + host + port + "/" + (more ? "…" : "");
    }
}
