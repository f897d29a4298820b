package dev.vigil.actuator.egress;

import dev.vigil.actuator.config.ActuatorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Where user-configured calls (webhooks, notification targets) may go: anywhere public, and to
 * loopback, private, link-local, multicast and reserved addresses only when {@code vigil.actuator.egress.allow}
 * lists them. A host name is resolved without blocking (Vert.x's resolver, which reads {@code /etc/hosts}
 * too) and the caller connects to the very address checked here, so a second lookup (DNS rebinding)
 * cannot send it elsewhere.
 */
@ApplicationScoped
public class EgressPolicy {

    private final EgressAllowList allow;
    private final VertxInternal vertx;

    public EgressPolicy(ActuatorConfig config, Vertx vertx) {
        this.allow = EgressAllowList.parse(config.egress().allow().orElse(List.of()));
        this.vertx = (VertxInternal) vertx;
    }

    void announce(@Observes StartupEvent start) {
        if (allow.isEmpty()) {
            Log.info("Egress: calls to loopback, private, link-local, multicast and reserved addresses are refused");
        } else {
            Log.infof("Egress: calls to loopback, private, link-local, multicast and reserved addresses are refused,"
                    + " except to vigil.actuator.egress.allow");
        }
    }

    /**
     * Why a URL must not be stored, judged without DNS: no usable URL, user info, or a literal address that
     * is refused. Empty when fine (a name is judged when it is called).
     */
    public Optional<String> literalRefusal(String url) {
        TargetUrl target;
        try {
            target = TargetUrl.parse(url);
        } catch (EgressRefusedException e) {
            return Optional.of(e.getMessage());
        }
        return HostLiterals.parse(target.host()).flatMap(address -> refusal(target, address))
                .map(reason -> "URL points to a " + reason + ", which vigil.actuator.egress.allow does not allow");
    }

    /** The address to connect to; fails with {@link EgressRefusedException} when the target's is refused. */
    public Uni<InetSocketAddress> resolve(TargetUrl target) {
        Optional<InetAddress> literal = HostLiterals.parse(target.host());
        Uni<InetAddress> address = literal.isPresent() ? Uni.createFrom().item(literal.get())
                : Uni.createFrom().emitter(emitter -> vertx.resolveAddress(target.host(), result -> {
                    if (result.succeeded()) {
                        emitter.complete(result.result());
                    } else {
                        emitter.fail(result.cause());
                    }
                }));
        return address.map(resolved -> {
            refusal(target, resolved).ifPresent(reason -> {
                throw new EgressRefusedException("egress refused: " + target.host() + " is a " + reason
                        + (literal.isPresent() ? "" : " (" + resolved.getHostAddress() + ")")
                        + ", not allowed by vigil.actuator.egress.allow");
            });
            return new InetSocketAddress(resolved, target.port());
        });
    }

    private Optional<String> refusal(TargetUrl target, InetAddress address) {
        Optional<String> reason = AddressClassifier.refusal(address);
        if (reason.isEmpty() || allow.allows(target.host(), target.port(), address)) {
            return Optional.empty();
        }
        return reason;
    }
}
