package dev.faultline.web;

import dev.faultline.monitor.ExpectedRevision;
import dev.faultline.monitor.Revised;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored monitor's revision as an HTTP entity tag: a strong {@code ETag: "N"} on each answer
 * that shows one monitor, and {@code If-Match} (RFC 9110 §13.1.1) read into the revision a change
 * expects. Without the header a change is made whatever the revision, as before revisions existed.
 */
final class EntityTags {

    static final String ETAG = "ETag";
    static final String IF_MATCH = "If-Match";

    // One member of the list: an optional weak prefix and a quoted tag (etagc: no '"', no controls, no space).
    private static final Pattern MEMBER = Pattern.compile("\\G[ \\t,]*(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"[ \\t]*(?:,|\\z)");

    private EntityTags() {
    }

    static String of(long revision) {
        return "\"" + revision + "\"";
    }

    /** Sets the ETag of a monitor created through the API; a config-file monitor has none. */
    static void set(Context ctx, Revised monitor) {
        monitor.revision().ifPresent(revision -> ctx.header(ETAG, of(revision)));
    }

    /**
     * What the request's If-Match expects: any revision when it is absent or {@code *}, else the
     * revisions its strong tags name. A weak tag never matches (If-Match compares strongly), nor does
     * a tag that is not one of ours; both then give a 412, as a stale tag does.
     *
     * @throws ApiRequestException 400 when the header is not a list of quoted entity tags
     */
    static ExpectedRevision expected(Context ctx) {
        String header = ctx.header(IF_MATCH);
        if (header == null || header.isBlank()) return ExpectedRevision.ANY;
        String list = header.strip();
        if (list.equals("*")) return ExpectedRevision.ANY;
        Set<Long> revisions = new HashSet<>();
        Matcher member = MEMBER.matcher(list);
        int end = 0;
        while (end < list.length() && member.find()) {
            if (member.group(1) == null && member.group(2).matches("[0-9]{1,18}")) revisions.add(Long.parseLong(member.group(2)));
            end = member.end();
        }
        if (end < list.length()) {
            throw ApiRequestException.badParameter(IF_MATCH, "'" + header + "' is not a list of entity tags: send the ETag as it "
                    + "came, quotes included, e.g. If-Match: \"17\"", ctx.path());
        }
        return new ExpectedRevision.OneOf(revisions);
    }
}
