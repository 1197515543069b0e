package dev.faultline.probe;

import dev.faultline.check.Cause;
import dev.faultline.check.ProbeOutcome;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.UnknownServiceException;
import javax.net.ssl.SSLException;

/**
 * Maps what OkHttp threw to a cause, using how far the call got: the same timeout is the
 * network's fault before the TCP handshake completed and the server's after it.
 */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static ProbeOutcome.Failed classify(IOException e, PhaseRecorder.Progress progress) {
        String detail = describe(e);
        // Walk the causes: OkHttp wraps the interesting exception now and then.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) return new ProbeOutcome.Failed(Cause.DNS_FAILURE, detail);
            if (t instanceof SSLException) return new ProbeOutcome.Failed(Cause.TLS_FAILURE, detail);
            if (t instanceof NoRouteToHostException || t instanceof PortUnreachableException) {
                return new ProbeOutcome.Failed(Cause.CONNECT_TIMEOUT, "no route to the host: " + detail);
            }
            if (t instanceof ConnectException) return new ProbeOutcome.Failed(Cause.CONNECTION_REFUSED, detail);
            if (t instanceof UnknownServiceException) return new ProbeOutcome.Failed(Cause.TLS_FAILURE, detail);
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return timeout(progress, detail);
        }
        if (e instanceof ProtocolException) return new ProbeOutcome.Failed(Cause.PROTOCOL_ERROR, detail);
        if (e instanceof EOFException || isEndOfStream(e)) {
            return new ProbeOutcome.Failed(Cause.PROTOCOL_ERROR,
                    "the server closed the connection without a complete HTTP answer (" + detail + ")");
        }
        return switch (progress) {
            case NOT_STARTED, RESOLVING -> new ProbeOutcome.Failed(Cause.DNS_FAILURE, detail);
            case RESOLVED, CONNECTING -> new ProbeOutcome.Failed(Cause.CONNECTION_REFUSED, detail);
            case CONNECTED, ANSWERING -> new ProbeOutcome.Failed(Cause.PROTOCOL_ERROR, detail);
        };
    }

    /** The deadline passed: whose fault depends on the phase it passed in. */
    static ProbeOutcome.Failed timeout(PhaseRecorder.Progress progress, String detail) {
        return switch (progress) {
            case NOT_STARTED, RESOLVING -> new ProbeOutcome.Failed(Cause.DNS_FAILURE,
                    "the host name did not resolve before the deadline (" + detail + ")");
            case RESOLVED, CONNECTING -> new ProbeOutcome.Failed(Cause.CONNECT_TIMEOUT,
                    "no answer to the TCP handshake before the deadline (" + detail + ")");
            case CONNECTED -> new ProbeOutcome.Failed(Cause.READ_TIMEOUT,
                    "connected, but no response headers before the deadline (" + detail + ")");
            case ANSWERING -> new ProbeOutcome.Failed(Cause.READ_TIMEOUT,
                    "the response did not finish before the deadline (" + detail + ")");
        };
    }

    private static boolean isEndOfStream(IOException e) {
        String message = e.getMessage();
        return message != null && (message.contains("unexpected end of stream") || message.contains("Connection reset"));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String name = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
