package dev.vigil.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free TCP ports on the loopback interface, chosen by the kernel. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * {@code count} distinct free ports: all sockets stay open until every port is chosen, so the
     * kernel cannot hand out the same one twice.
     */
    static List<Integer> allocate(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(SystemSettings.LOOPBACK)));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + SystemSettings.LOOPBACK, e);
        } finally {
            sockets.forEach(FreePorts::closeQuietly);
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
