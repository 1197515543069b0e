package dev.faultline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class ClosedPortTest {

    @Test
    void connectingIsRefused() {
        try (var closed = ClosedPort.pick()) {
            assertThat(closed.url("/x").toString()).isEqualTo("http://127.0.0.1:" + closed.port() + "/x");
            assertThatThrownBy(() -> {
                try (var socket = new Socket()) {
                    socket.connect(new InetSocketAddress(Loopback.ADDRESS, closed.port()), 1000);
                }
            }).isInstanceOf(ConnectException.class);
        }
    }
}
