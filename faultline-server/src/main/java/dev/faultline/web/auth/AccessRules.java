package dev.faultline.web.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which {@link Access} each path has: an ordered list of path patterns, the first match wins. A
 * pattern is an exact path ({@code /healthz}) or a prefix ending in {@code /**} that covers the
 * prefix itself and everything below it. A path no rule covers is denied to everyone, so that a
 * route added without a rule is closed, not open (and the route test names it).
 */
public final class AccessRules {

    /** One pattern and its access. */
    public record Rule(String pattern, Access access) {
        public Rule {
            Objects.requireNonNull(access, "access");
            if (pattern == null || !pattern.startsWith("/")) throw new IllegalArgumentException("pattern: must start with '/'");
        }

        boolean covers(String path) {
            if (pattern.endsWith("/**")) {
                String prefix = pattern.substring(0, pattern.length() - 3);
                return path.equals(prefix) || path.startsWith(prefix + "/") || prefix.isEmpty();
            }
            return path.equals(pattern);
        }
    }

    private final List<Rule> rules;

    public AccessRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The server's rules. {@code /metrics} is public only when {@code server.metrics_public} says
     * so: its labels name every monitor, which is internal detail.
     */
    public static AccessRules standard(boolean metricsPublic) {
        return new AccessRules(List.of(
                new Rule("/healthz", Access.PUBLIC),
                new Rule("/metrics", metricsPublic ? Access.PUBLIC : Access.SIGNED_IN),
                new Rule("/status/**", Access.PUBLIC),
                new Rule("/assets/**", Access.PUBLIC),
                new Rule("/api/v1/agent/**", Access.PUBLIC),
                new Rule("/login", Access.SIGN_IN),
                new Rule("/setup/**", Access.SIGN_IN),
                new Rule("/logout", Access.OWN_SESSION),
                new Rule("/settings/**", Access.ADMIN),
                new Rule("/api/v1/**", Access.SIGNED_IN),
                // The dashboard's pages.
                new Rule("/", Access.SIGNED_IN),
                new Rule("/overview/**", Access.SIGNED_IN),
                new Rule("/monitors/**", Access.SIGNED_IN),
                new Rule("/incidents/**", Access.SIGNED_IN),
                new Rule("/manage/**", Access.SIGNED_IN)));
    }

    /** The access of a request path or route path ({@code {id}} segments are matched as they are); empty: no rule, denied. */
    public Optional<Access> accessFor(String path) {
        String normal = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return rules.stream().filter(rule -> rule.covers(normal)).map(Rule::access).findFirst();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Whether a request with this method changes something (and so needs a CSRF token and, mostly, an admin). */
    public static boolean writes(String method) {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }
}
