package io.rta.service.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ports to give to a server that binds them a moment later (the embedded broker's controller, the bench's and the
 * tests' servers). A port the kernel picks for {@code bind(0)} lies in its <em>ephemeral</em> range, which every
 * outgoing connection of the process (Kafka clients, HTTP clients) also draws from, so it may be taken between the
 * pick and the server's bind ("Failed to bind"). These ports are picked <em>below</em> that range, where only an
 * explicit bind takes a port, each checked free on every address, and never handed out twice by this JVM.
 */
public final class FreePorts {

    /** Lowest port handed out: above the well-known and most registered service ports. */
    static final int LOW = 10_000;

    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private static int next;

    private FreePorts() {
    }

    /** A port nothing listens on right now, outside the ephemeral range, not handed out before by this JVM. */
    public static synchronized int next() {
        int high = upperBound(ephemeralLow());
        if (next == 0) {
            // spread runs (and JVMs started side by side) over the range
            next = LOW + (int) ((ProcessHandle.current().pid() * 7919L + System.nanoTime()) % (high - LOW));
        }
        for (int tried = 0; tried < high - LOW; tried++) {
            int port = next;
            next = port + 1 >= high ? LOW : port + 1;
            if (bindable(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOW + " and " + (high - 1)));
    }

    /** Where handing out stops: the start of the ephemeral range when it leaves room below it. */
    static int upperBound(int ephemeralLow) {
        return ephemeralLow >= LOW + 1_000 ? ephemeralLow : 30_000;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), or of the IANA one elsewhere. */
    static int ephemeralLow() {
        try {
            return Integer.parseInt(Files.readString(RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
