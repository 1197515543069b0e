package dev.faultline.probe;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * Plain sockets that count every byte the client takes off them: what a probe really read,
 * framing and all, however much more the kernel's buffers or the server hold.
 */
final class CountingSockets extends SocketFactory {

    private final AtomicLong bytesRead = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** The bytes read from every socket made so far. */
    long bytesRead() {
        return bytesRead.get();
    }

    /** How many sockets have been made: connections opened. */
    int opened() {
        return sockets.size();
    }

    /** Whether every socket made so far has been closed. */
    boolean allClosed() {
        return sockets.stream().allMatch(Socket::isClosed);
    }

    @Override
    public Socket createSocket() {
        Socket socket = new CountingSocket();
        sockets.add(socket);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = createSocket();
        socket.connect(address);
        return socket;
    }

    private final class CountingSocket extends Socket {
        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) bytesRead.incrementAndGet();
                    return b;
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    int n = super.read(bytes, offset, length);
                    if (n > 0) bytesRead.addAndGet(n);
                    return n;
                }
            };
        }
    }
}
