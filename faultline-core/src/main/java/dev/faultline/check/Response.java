package dev.faultline.check;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the probe got back from the final hop of a check, with the body already capped.
 *
 * @param status           the HTTP status code as received (it may lie outside 100–599)
 * @param body             the body text read, up to the monitor's cap, decoded as UTF-8
 * @param bodyBytes        how many body bytes were read
 * @param bodyTruncated    whether the body went on past the cap (the rest was not read)
 * @param bodyDigest       hex SHA-256 of the bytes read, so frozen content can be noticed
 * @param redirects        each URL the check was sent on to, in order; the answer came from the last
 * @param certificateNotAfter when the server's leaf certificate ends, for HTTPS
 */
public record Response(
        int status,
        ResponseHeaders headers,
        String body,
        long bodyBytes,
        boolean bodyTruncated,
        String bodyDigest,
        List<URI> redirects,
        Optional<Instant> certificateNotAfter) {

    public Response {
        redirects = List.copyOf(redirects);
    }
}
