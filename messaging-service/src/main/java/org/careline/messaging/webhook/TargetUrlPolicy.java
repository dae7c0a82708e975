package org.careline.messaging.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careline.platform.problem.ProblemException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where webhooks may go (server-side request forgery guard): https to a public host. Names that only make
 * sense inside a network ({@code localhost}, {@code *.internal}, single labels) and literal private, loopback,
 * link-local, multicast or carrier-grade NAT addresses are refused when a subscription is saved; the
 * dispatcher checks the resolved addresses again before each request ({@link #publicAddress}). With
 * {@code allow-loopback-http} (dev, test) {@code http(s)://127.0.0.1} and {@code localhost} are allowed too.
 */
@ApplicationScoped
public class TargetUrlPolicy {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String[] INTERNAL_SUFFIXES = {".localhost", ".local", ".internal", ".localdomain", ".lan",
            ".home.arpa", ".svc", ".cluster.local"};

    private final boolean allowLoopbackHttp;

    @Inject
    public TargetUrlPolicy(WebhookConfig config) {
        this(config.allowLoopbackHttp());
    }

    public TargetUrlPolicy(boolean allowLoopbackHttp) {
        this.allowLoopbackHttp = allowLoopbackHttp;
    }

    /** The URL if a subscription may target it; otherwise a 422 problem that does not echo it. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("targetUrl is not a valid absolute URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw refused("targetUrl must be an absolute http(s) URL with a host, no user info and no fragment.");
        }
        if (loopbackAllowed(host)) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw refused("targetUrl must use https.");
        }
        if (!publicHostName(host)) {
            throw refused("targetUrl must name a public host, not a private, loopback or internal one.");
        }
        return uri;
    }

    /** Whether the dispatcher may connect to this resolved address for this host. */
    public boolean publicAddress(String host, InetAddress address) {
        if (loopbackAllowed(host)) {
            return address.isLoopbackAddress();
        }
        return isPublic(address);
    }

    /** Whether the host is 127.0.0.1 / localhost / [::1] and the configuration allows plain loopback targets. */
    public boolean loopbackAllowed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return allowLoopbackHttp && (h.equals("127.0.0.1") || h.equals("localhost") || h.equals("[::1]"));
    }

    static boolean publicHostName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") || IPV4.matcher(h).matches()) {
            try {
                return isPublic(InetAddress.getByName(h));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        if (!h.contains(".") || h.equals("localhost")) {
            return false;
        }
        for (String suffix : INTERNAL_SUFFIXES) {
            if (h.endsWith(suffix)) {
                return false;
            }
        }
        return true;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean carrierNat = first == 100 && second >= 64 && second <= 127;
            boolean reserved = first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19));
            return !carrierNat && !reserved;
        }
        boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
        boolean mappedV4 = isMappedV4(b);
        return !uniqueLocal && !mappedV4;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(422, "target-url-not-allowed", "Unprocessable Content", detail);
    }
}
