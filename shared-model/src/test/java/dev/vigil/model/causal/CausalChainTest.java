package dev.vigil.model.causal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.event.Event;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CausalChainTest {

    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);
    private static final UUID AUTOMATION = UUID.randomUUID();

    private static ReceivedEvent event(List<String> chain) {
        return new ReceivedEvent(NOW, "e", CausalChain.label(Resource.of("r"), chain), List.of(), Map.of(),
                UUID.randomUUID(), null, NOW);
    }

    private static Firing firing(ReceivedEvent event, List<Firing> children) {
        return new Firing(UUID.randomUUID(), UUID.randomUUID(), FiringState.Triggered, NOW, Map.of(), children, event);
    }

    @Test
    void aFiringExtendsTheLongestChainAmongItsCauses() {
        Firing child = firing(event(List.of("a", "b")), List.of());
        Firing composite = firing(event(List.of("c")), List.of(child));
        assertThat(CausalChain.ofFiring(composite, AUTOMATION)).containsExactly("a", "b", AUTOMATION.toString());
        assertThat(CausalChain.ofFiring(firing(null, List.of()), AUTOMATION)).containsExactly(AUTOMATION.toString());
        assertThat(CausalChain.ofFiring(firing(event(List.of()), List.of()), AUTOMATION)).hasSize(1);
    }

    @Test
    void anEventReceivedFromAClientLosesItsChainLabel() {
        Event sent = new Event(NOW, "e", new Resource(Map.of(Resource.ID, "r", CausalChain.LABEL, "x,y")), null, null,
                UUID.randomUUID(), null);
        ReceivedEvent received = sent.receive(NOW);
        assertThat(CausalChain.of(received)).isEmpty();
        assertThat(received.resource().labels()).containsOnlyKeys(Resource.ID);
    }

    @Test
    void aParsedChainIsBounded() {
        String longChain = String.join(",", java.util.Collections.nCopies(CausalChain.MAX_LENGTH + 5, "x"));
        assertThat(CausalChain.parse(longChain)).hasSize(CausalChain.MAX_LENGTH);
        assertThat(CausalChain.parse(" , a ,,b")).containsExactly("a", "b");
    }

    @Test
    void aSignatureHoldsOnlyForItsWorkspaceChainAndTime() {
        CausalSignature signature = new CausalSignature("0123456789abcdef0123456789abcdef", Duration.ofMinutes(10));
        UUID workspace = UUID.randomUUID();
        List<String> chain = List.of("a", "b");
        Instant now = Instant.now();
        String signed = signature.sign(workspace, chain, now);
        assertThat(signature.verify(workspace, "a,b", signed, now)).contains(chain);
        assertThat(signature.verify(UUID.randomUUID(), "a,b", signed, now)).isEmpty();
        assertThat(signature.verify(workspace, "b", signed, now)).isEmpty();
        assertThat(signature.verify(workspace, "a,b", signed, now.plus(Duration.ofMinutes(11)))).isEmpty();
        assertThat(signature.verify(workspace, "a,b", "t=x,v1=y", now)).isEmpty();
        assertThat(signature.verify(workspace, "a,b", null, now)).isEmpty();
        assertThat(new CausalSignature("another-secret-another-secret-xx", Duration.ofMinutes(10))
                .verify(workspace, "a,b", signed, now)).isEmpty();
    }
}
