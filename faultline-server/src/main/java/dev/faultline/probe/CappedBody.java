package dev.faultline.probe;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * A response body read up to a cap and no further, hashed as it streams in. Memory stays
 * bounded by the cap whatever the server sends; the unread rest is dropped with the connection.
 */
record CappedBody(byte[] bytes, boolean truncated, String sha256, Charset charset) {

    private static final int CHUNK = 16 * 1024;

    String text() {
        return new String(bytes, charset);
    }

    static CappedBody read(ResponseBody body, long cap) throws IOException {
        MessageDigest digest = newDigest();
        BufferedSource source = body.source();
        Buffer kept = new Buffer();
        boolean truncated = false;
        byte[] chunk = new byte[CHUNK];
        while (true) {
            long room = cap - kept.size();
            if (room <= 0) {
                // One more byte tells a body of exactly `cap` bytes from a longer one.
                truncated = !source.exhausted();
                break;
            }
            int read = source.read(chunk, 0, (int) Math.min(chunk.length, room));
            if (read == -1) break;
            digest.update(chunk, 0, read);
            kept.write(chunk, 0, read);
        }
        MediaType type = body.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        return new CappedBody(kept.readByteArray(), truncated, HexFormat.of().formatHex(digest.digest()), charset);
    }

    // A clone of one digest is a copy of its state; getInstance looks the provider up by
    // reflection on every call, which was a visible part of a check's own CPU.
    private static final MessageDigest SHA_256 = lookUpSha256();

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUpSha256();
        }
    }

    private static MessageDigest lookUpSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
