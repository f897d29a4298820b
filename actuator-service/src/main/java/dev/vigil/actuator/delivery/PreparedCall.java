package dev.vigil.actuator.delivery;

import dev.vigil.actuator.egress.TargetUrl;
import java.net.InetSocketAddress;

/**
 * A call checked and ready to send: its URL's parts, and for a user-configured target the address the egress
 * policy allowed, which the client connects to (null: the client resolves an operator-configured host itself).
 */
public record PreparedCall(HttpCall call, TargetUrl target, InetSocketAddress server) {
}
