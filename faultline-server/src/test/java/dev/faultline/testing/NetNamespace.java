package dev.faultline.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to this host by a veth pair on a /30 of its own (DESIGN.md §8):
 * a process started in it reaches the host side's address only, and nftables rules inside it
 * drop what a test wants dropped. Needs root, {@code ip} and {@code nft}; {@link #available()}
 * says whether this machine has them. Closing deletes the namespace and its veth pair.
 */
public final class NetNamespace implements AutoCloseable {

    private final String name;
    private final String hostAddress;
    private final String innerAddress;

    private NetNamespace(String name, String hostAddress, String innerAddress) {
        this.name = name;
        this.hostAddress = hostAddress;
        this.innerAddress = innerAddress;
    }

    /** Whether namespaces can be made here (root, ip, nft), tried with a throwaway one. */
    public static boolean available() {
        String probe = "fltest-probe-" + ThreadLocalRandom.current().nextInt(1 << 20);
        try {
            boolean made = run(List.of("ip", "netns", "add", probe)) == 0;
            if (made) run(List.of("ip", "netns", "del", probe));
            return made && run(List.of("nft", "--version")) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    public static NetNamespace create() throws IOException {
        int subnet = ThreadLocalRandom.current().nextInt(0, 64) * 4;
        int third = ThreadLocalRandom.current().nextInt(1, 250);
        String id = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 16), 36);
        String name = "fltest-" + id;
        String host = "10.213." + third + "." + (subnet + 1);
        String inner = "10.213." + third + "." + (subnet + 2);
        NetNamespace ns = new NetNamespace(name, host, inner);
        try {
            ns.must("ip", "netns", "add", name);
            ns.must("ip", "link", "add", "flh-" + id, "type", "veth", "peer", "name", "fln-" + id);
            ns.must("ip", "link", "set", "fln-" + id, "netns", name);
            ns.must("ip", "addr", "add", host + "/30", "dev", "flh-" + id);
            ns.must("ip", "link", "set", "flh-" + id, "up");
            ns.must("ip", "netns", "exec", name, "ip", "addr", "add", inner + "/30", "dev", "fln-" + id);
            ns.must("ip", "netns", "exec", name, "ip", "link", "set", "fln-" + id, "up");
            ns.must("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
            return ns;
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    /** The host side's address: what a process in the namespace can reach. */
    public InetAddress hostAddress() throws IOException {
        return InetAddress.getByName(hostAddress);
    }

    /** The command, to be run inside the namespace. */
    public List<String> inside(List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(command);
        return all;
    }

    /** From now on, the namespace's TCP to the host side is dropped, but for these ports. */
    public void dropTcpToHostExcept(int... ports) throws IOException {
        StringBuilder except = new StringBuilder();
        for (int port : ports) except.append(except.isEmpty() ? "" : ", ").append(port);
        must("ip", "netns", "exec", name, "nft", "add table inet faultline_test");
        must("ip", "netns", "exec", name, "nft", "add chain inet faultline_test out { type filter hook output priority 0 ; }");
        must("ip", "netns", "exec", name, "nft", "add rule inet faultline_test out ip daddr " + hostAddress
                + " tcp dport != { " + except + " } drop");
    }

    private void must(String... command) throws IOException {
        if (run(List.of(command)) != 0) throw new IOException("failed: " + String.join(" ", command));
    }

    private static int run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            if (process.exitValue() != 0) System.err.println(String.join(" ", command) + ": " + output.strip());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Deletes the namespace; its veth pair goes with it. */
    @Override
    public void close() {
        try {
            run(List.of("ip", "netns", "del", name));
        } catch (IOException e) {
            System.err.println("could not delete network namespace " + name + ": " + e.getMessage());
        }
    }
}
