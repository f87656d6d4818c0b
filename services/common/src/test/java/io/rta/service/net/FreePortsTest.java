package io.rta.service.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreBelowTheEphemeralRangeDistinctAndBindable() throws IOException {
        int high = FreePorts.upperBound(FreePorts.ephemeralLow());
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.next();
            assertTrue(port >= FreePorts.LOW && port < high, port + " outside " + FreePorts.LOW + "-" + high);
            assertTrue(seen.add(port), port + " handed out twice");
        }
        int port = FreePorts.next();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            assertEquals(port, socket.getLocalPort());
        }
    }

    @Test
    void aPortInUseIsSkipped() throws IOException {
        int port = FreePorts.next();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(port + 1));
            assertTrue(FreePorts.next() != port + 1);
        }
    }

    @Test
    void aRangeStartingTooLowFallsBackToAFixedBound() {
        assertEquals(32_768, FreePorts.upperBound(32_768));
        assertEquals(30_000, FreePorts.upperBound(1_024));
    }
}
