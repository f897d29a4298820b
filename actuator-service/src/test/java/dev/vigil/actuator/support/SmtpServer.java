package dev.vigil.actuator.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real SMTP server (GreenMail) in the test JVM, on a free port; the mailer is pointed at it. */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    public static final GreenMail SERVER = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Override
    public Map<String, String> start() {
        SERVER.start();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(SERVER.getSmtp().getPort()),
                "quarkus.mailer.from", "vigil@example.com",
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        SERVER.stop();
    }
}
