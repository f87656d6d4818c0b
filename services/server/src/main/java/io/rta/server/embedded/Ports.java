package io.rta.server.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import io.rta.service.net.FreePorts;

/** Port checks for the embedded servers, which listen on the loopback address only. */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** A port nothing listens on right now, which no outgoing connection takes before it is bound. */
    static int free() {
        return FreePorts.next();
    }

    /** Fails with a message naming {@code option} when something already listens on {@code port}. */
    static void requireFree(int port, String option) {
        try (ServerSocket socket = bind(port)) {
            // only probing
        } catch (IOException e) {
            throw new IllegalStateException(option + " " + port + " on " + HOST + " is in use: stop what listens "
                    + "there or choose another " + option, e);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            // As a server binds: connections of a previous run in TIME_WAIT do not block the port.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
