package dev.faultline.check;

import java.util.List;

/**
 * The decision tree behind every diagnosis: for each cause, a headline, what usually lies
 * behind it and the first thing to do. One exhaustive switch, so a new cause cannot ship
 * without advice.
 */
public record Advice(String headline, List<String> likelyCauses, String nextStep) {

    public static Advice of(Cause cause) {
        return switch (cause) {
            case OK -> new Advice("Up: the answer met every expectation", List.of(), "Nothing to do.");
            case SLOW_RESPONSE -> new Advice("Degraded: the answer came, but slower than allowed",
                    List.of("a slow database query or downstream call", "CPU or memory pressure on the server",
                            "a cold cache after a deploy"),
                    "Compare the phase timings: a slow first byte points at the application, slow connect or TLS at the network or the load balancer.");
            case CERTIFICATE_EXPIRING -> new Advice("Degraded: the TLS certificate expires soon",
                    List.of("automatic renewal (ACME, cert-manager) failing or switched off",
                            "a manually issued certificate nobody tracked"),
                    "Renew the certificate and check that the renewal job runs; browsers will refuse the site once it lapses.");
            case INTERNAL_SERVER_ERROR -> new Advice("Down: the application failed while handling the request",
                    List.of("an unhandled exception in the code", "a failed or partial deploy",
                            "a database or dependency error surfacing as a crash"),
                    "Read the application's logs around this time for the stack trace; roll back if a deploy just happened.");
            case BAD_GATEWAY -> new Advice("Down: the proxy in front could not get a valid answer from the application",
                    List.of("the application process crashed or is not running",
                            "the proxy points at the wrong port or host", "a deploy restarted the application"),
                    "Check whether the application process is running and listening on the port the proxy forwards to, then read its logs.");
            case SERVICE_UNAVAILABLE -> new Advice("Down: the service says it cannot serve right now",
                    List.of("overload: too many requests or exhausted workers", "planned maintenance mode",
                            "a health gate failing, such as a database that is down"),
                    "Check the service's load and capacity, and whether maintenance was planned.");
            case GATEWAY_TIMEOUT -> new Advice("Down: the proxy in front gave up waiting for the application",
                    List.of("slow database queries or locks", "a dependency that stopped answering",
                            "the application is stuck (thread or connection pool exhausted)"),
                    "Look for slow queries and unresponsive dependencies behind the application, and compare the proxy's timeout with the application's.");
            case OTHER_5XX -> new Advice("Down: the server reported an error",
                    List.of("a server-side failure the status code names"),
                    "Read the server's logs for this request and look the status code up in the server's documentation.");
            case UNAUTHORIZED -> new Advice("Refused: the server wants credentials the monitor did not give",
                    List.of("the monitor's token or password expired or was rotated", "the auth header is missing"),
                    "Check the monitor's credentials; if 401 is the answer this endpoint should give, add 401 to the expected status codes.");
            case FORBIDDEN -> new Advice("Refused: the server knows the request and will not serve it",
                    List.of("the monitor's credentials lack a permission", "an IP allow-list or WAF rule blocks the monitor's address"),
                    "Check the monitor's permissions and whether its IP address is on the allow-list; if 403 is expected here, add it to the expected status codes.");
            case NOT_FOUND -> new Advice("Refused: nothing is at this URL",
                    List.of("the URL moved or was renamed", "a broken redirect or rewrite rule", "a deploy removed the route"),
                    "Check whether the URL moved and update the monitor, or restore the route if it should exist.");
            case RATE_LIMITED -> new Advice("Refused: the server is rate-limiting the monitor",
                    List.of("the monitor checks too often for the server's limits",
                            "other clients share the monitor's address or key and use up the quota"),
                    "Check less often, and honour Retry-After before the next check.");
            case OTHER_4XX -> new Advice("Refused: the server rejected the monitor's request",
                    List.of("a wrong method, header or body in the monitor's configuration"),
                    "Review the monitor's method, headers and body against what the endpoint accepts.");
            case UNEXPECTED_STATUS -> new Advice("Down: the server answered with a status the monitor does not expect",
                    List.of("a redirect to a login or error page", "an endpoint that changed its behaviour"),
                    "See where the answer points (the Location header for redirects) and either fix the server or add the status to the expected set.");
            case CONNECTION_REFUSED -> new Advice("Down: nothing is listening on the port",
                    List.of("the service or its proxy is stopped or crashed", "it listens on another port or address"),
                    "Check that the service is running and listening on this port, and that its process did not exit.");
            case READ_TIMEOUT -> new Advice("Down: the server accepted the connection but gave no full answer in time",
                    List.of("the application is hung or overloaded", "a slow dependency blocks every request",
                            "a body that trickles in too slowly"),
                    "Check the server's load and threads (a thread dump helps), and the dependencies it waits on.");
            case TLS_FAILURE -> new Advice("Down: the TLS handshake failed",
                    List.of("an expired, self-signed or wrong-host certificate", "a missing intermediate certificate",
                            "no protocol or cipher in common"),
                    "Inspect the certificate chain the server presents (openssl s_client -connect HOST:443 -servername HOST) and renew or fix it.");
            case PROTOCOL_ERROR -> new Advice("Down: the server did not speak valid HTTP",
                    List.of("another service (SSH, a database) listens on this port", "a broken proxy or a crashed worker",
                            "plain HTTP sent to a TLS port, or the other way round"),
                    "Check what actually listens on this port and whether the URL's scheme (http or https) is the right one.");
            case REDIRECT_LOOP -> new Advice("Down: the redirects never reach a page",
                    List.of("a rewrite rule that sends the URL back to itself", "http/https or www/non-www rules that fight each other"),
                    "Follow the Location headers by hand (curl -sIL) and fix the rule that loops.");
            case DNS_FAILURE -> new Advice("Down: the host name does not resolve",
                    List.of("a DNS record deleted or mistyped", "an expired domain", "the resolver is unreachable from the probe"),
                    "Resolve the name from elsewhere (dig NAME); if it resolves there, the probe's own resolver is at fault.");
            case CONNECT_TIMEOUT -> new Advice("Down: the server did not answer the connection attempt in time",
                    List.of("a firewall silently dropping packets", "the host is down or unreachable", "a routing problem"),
                    "Check that the host is up and that firewalls and security groups let the probe's address in.");
            case BODY_MISMATCH -> new Advice("Down: the page came back, but its content is wrong",
                    List.of("an error or maintenance page served with a success status", "a stale or empty response from a cache",
                            "an API whose output changed"),
                    "Open the page and compare it with the monitor's body assertions; check caches in front of the server.");
            case HEADER_MISMATCH -> new Advice("Down: the answer's headers are not as expected",
                    List.of("a proxy or CDN that changed or stripped headers", "a configuration change on the server"),
                    "Compare the response headers with the monitor's header assertions and look for a recent proxy or server change.");
        };
    }
}
