package org.careline.gateway.http;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of each response. Everything the gateway serves is JSON except the Swagger UI, so the
 * default policy allows nothing at all ({@code default-src 'none'}). The Swagger UI gets a policy that lets its own
 * files load ({@code 'self'}) and allows its inline scripts by their SHA-256 hashes, never by
 * {@code 'unsafe-inline'}. Quarkus generates those inline scripts from the Swagger UI configuration at build time
 * and serves the page from a place that differs between packaged, dev and test runs, so the gateway reads the page
 * as it is served: on the first Swagger UI request it fetches its own page once over the local connection (marked
 * with a per-process secret header so that this one fetch is not held up itself), and keeps the hashes.
 */
@ApplicationScoped
public class ContentSecurityPolicy {

    static final String SWAGGER_UI_PATH = "/q/swagger-ui";
    static final String STRICT = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final String PROBE_HEADER = "X-Careline-Csp-Probe";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", Pattern.DOTALL);

    private final HttpClient client;
    private final String probeSecret = UUID.randomUUID().toString();
    private volatile Future<String> swaggerUi;

    public ContentSecurityPolicy(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000));
    }

    /** Whether a normalized path belongs to the Swagger UI. */
    public static boolean isSwaggerUi(String path) {
        return path != null && (path.equals(SWAGGER_UI_PATH) || path.startsWith(SWAGGER_UI_PATH + "/"));
    }

    /** The policy for this request's response. */
    public Future<String> forRequest(RoutingContext ctx) {
        if (!isSwaggerUi(ctx.normalizedPath()) || probeSecret.equals(ctx.request().getHeader(PROBE_HEADER))) {
            return Future.succeededFuture(STRICT);
        }
        Future<String> known = swaggerUi;
        if (known == null) {
            known = readServedPage(ctx.request().localAddress());
            swaggerUi = known;
        }
        return known.recover(failure -> {
            swaggerUi = null; // try again next time; meanwhile the page's inline scripts stay blocked
            Log.warnf("could not read the Swagger UI page for its CSP (%s)", failure.getClass().getSimpleName());
            return Future.succeededFuture(swaggerUiPolicy(List.of()));
        });
    }

    private Future<String> readServedPage(SocketAddress local) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(local.hostAddress())
                        .setPort(local.port()).setURI(SWAGGER_UI_PATH + "/").putHeader(PROBE_HEADER, probeSecret))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture(new IllegalStateException("status " + response.statusCode())))
                .map(body -> swaggerUiPolicy(inlineScriptHashes(body.toString(StandardCharsets.UTF_8))));
    }

    static String swaggerUiPolicy(List<String> scriptHashes) {
        StringBuilder scripts = new StringBuilder("'self'");
        scriptHashes.forEach(hash -> scripts.append(" '").append(hash).append('\''));
        // Swagger UI (React) sets style attributes and its CSS embeds data: images
        return "default-src 'none'; script-src " + scripts + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                + " font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    /** The {@code sha256-...} source of each inline script of an HTML page. */
    static List<String> inlineScriptHashes(String html) {
        List<String> hashes = new ArrayList<>();
        Matcher matcher = INLINE_SCRIPT.matcher(html);
        while (matcher.find()) {
            hashes.add("sha256-" + sha256(matcher.group(1)));
        }
        return hashes;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
