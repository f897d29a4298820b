package dev.vigil.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on the loopback interface, below the kernel's ephemeral range. A service binds its port only
 * after it has started (seconds later, more on a loaded box); a port of the ephemeral range could meanwhile be
 * taken as the local end of any outgoing connection (a load generator makes thousands), and the service's start
 * would fail. Outgoing connections never take a port below that range.
 */
final class FreePorts {

    /** Above every fixed port of bin/up and the test infrastructure (16379..., 19092...). */
    private static final int LOWEST = 20_000;
    /** Linux's default start of the ephemeral range, when it cannot be read. */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int ATTEMPTS_PER_PORT = 100;

    private FreePorts() {
    }

    /**
     * {@code count} distinct free ports: all sockets stay open until every port is chosen, so the
     * same one is never handed out twice.
     */
    static List<Integer> allocate(int count) {
        int highest = ephemeralStart() - 1;
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int attempts = 0;
            while (sockets.size() < count) {
                if (highest <= LOWEST || attempts++ >= ATTEMPTS_PER_PORT * count) {
                    // No room below the ephemeral range here: let the kernel choose.
                    sockets.add(bind(0));
                    continue;
                }
                try {
                    sockets.add(bind(ThreadLocalRandom.current().nextInt(LOWEST, highest + 1)));
                } catch (IOException taken) {
                    // Someone listens there: try another.
                }
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + SystemSettings.LOOPBACK, e);
        } finally {
            sockets.forEach(FreePorts::closeQuietly);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getByName(SystemSettings.LOOPBACK));
    }

    private static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // The port was only reserved for a moment; nothing to clean up.
        }
    }
}
