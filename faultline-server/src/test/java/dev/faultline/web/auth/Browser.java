package dev.faultline.web.auth;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as cookies and forms go: the JDK's HttpClient with a cookie jar, redirects
 * not followed (the tests look at them), from a chosen loopback address.
 */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    Browser(int port) {
        this(port, null);
    }

    /** A browser whose requests come from {@code from} (e.g. 127.0.0.7), so that per-address limits can be tested. */
    Browser(int port, String from) {
        this.base = "http://127.0.0.1:" + port;
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER);
        if (from != null) {
            try {
                builder.localAddress(InetAddress.getByName(from));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(from, e);
            }
        }
        this.http = builder.build();
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts a form as a browser would: urlencoded, fields in order. */
    HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Loads the page at {@code formPage}, then posts {@code fields} plus the page's CSRF token to {@code action}. */
    HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) throws Exception {
        HttpResponse<String> page = get(formPage);
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put(Csrf.FIELD, csrf(page.body()).orElseThrow(() -> new AssertionError("no CSRF field on " + formPage + ": " + page.body())));
        return post(action, all);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signIn(String user, String password) throws Exception {
        return submit("/login", "/login", Map.of("username", user, "password", password));
    }

    Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    void forget() {
        cookies.getCookieStore().removeAll();
    }

    String base() {
        return base;
    }

    static Optional<String> csrf(String html) {
        Matcher m = CSRF.matcher(html);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
