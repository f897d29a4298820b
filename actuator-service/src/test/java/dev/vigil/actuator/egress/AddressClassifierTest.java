package dev.vigil.actuator.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressClassifierTest {

    private static InetAddress literal(String text) {
        return HostLiterals.parse(text).orElseThrow(() -> new AssertionError("not a literal: " + text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // IPv4: loopback, this network, RFC 1918 edges, shared, link-local (metadata), multicast, reserved
            "127.0.0.1", "127.255.255.255", "0.0.0.0", "0.255.255.255", "10.0.0.0", "10.255.255.255",
            "172.16.0.0", "172.31.255.255", "192.168.0.0", "192.168.255.255", "100.64.0.1", "100.127.255.255",
            "169.254.0.0", "169.254.169.254", "169.254.255.255", "224.0.0.1", "239.255.255.255", "240.0.0.1",
            "255.255.255.255", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "192.0.0.8",
            // other spellings of them
            "127.1", "0x7f.0.0.1", "0177.0.0.1", "2130706433", "0x7f000001", "017700000001", "0", "10.1",
            // IPv6: loopback, unspecified, unique-local, link-local, site-local, multicast, documentation
            "::1", "[::1]", "::", "fc00::1", "fdff:ffff::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "2001:db8::1",
            // IPv4 embedded in IPv6: mapped (both spellings), compatible, NAT64, 6to4
            "::ffff:127.0.0.1", "::ffff:7f00:1", "[::ffff:169.254.169.254]", "::ffff:10.0.0.1", "::127.0.0.1",
            "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:c0a8:0101::1"})
    void refusesSpecialAddresses(String address) {
        assertThat(AddressClassifier.refusal(literal(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "172.15.255.255", "172.32.0.0",
            "192.167.255.255", "192.169.0.0", "100.63.255.255", "100.128.0.0", "169.253.255.255", "169.255.0.0",
            "223.255.255.255", "1.0.0.0", "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8",
            "64:ff9b::808:808", "2002:808:808::1", "fbff:ffff::1", "fe7f::1"})
    void acceptsPublicAddresses(String address) {
        assertThat(AddressClassifier.refusal(literal(address))).as(address).isEmpty();
    }

    @Test
    void namesTheReason() {
        assertThat(AddressClassifier.refusal(literal("169.254.169.254"))).contains("link-local address");
        assertThat(AddressClassifier.refusal(literal("::ffff:127.0.0.1"))).hasValueSatisfying(r ->
                assertThat(r).contains("loopback"));
        assertThat(AddressClassifier.refusal(literal("fd00::1"))).contains("unique-local address");
        assertThat(AddressClassifier.refusal(literal("10.0.0.1"))).contains("private address (RFC 1918)");
    }

    @Test
    void namesAndMalformedNumbersAreNotLiterals() {
        assertThat(HostLiterals.parse("example.com")).isEmpty();
        assertThat(HostLiterals.parse("127.0.0.1.example.com")).isEmpty();
        assertThat(HostLiterals.parse("fe80::1%eth0")).isEmpty();
        assertThat(HostLiterals.parse("999.1.1.1")).isEmpty();
        assertThat(HostLiterals.isMalformedNumeric("999.1.1.1")).isTrue();
        assertThat(HostLiterals.isMalformedNumeric("1.2.3.4.5")).isTrue();
        assertThat(HostLiterals.isMalformedNumeric("08.1.1.1")).isTrue();
        assertThat(HostLiterals.isMalformedNumeric("example.com")).isFalse();
        assertThat(HostLiterals.isMalformedNumeric("1.2.3.4")).isFalse();
    }

    @Test
    void allowListMatchesRangesMappedFormsAndHostPorts() {
        EgressAllowList allow = EgressAllowList.parse(List.of("127.0.0.1/32", " 10.1.0.0/16", "fd00::/8",
                "receiver.internal:8080", "[::1]:9000", "192.168.1.5:443", ""));
        assertThat(allow.allows("127.0.0.1", 1, literal("127.0.0.1"))).isTrue();
        assertThat(allow.allows("[::ffff:127.0.0.1]", 1, literal("::ffff:7f00:1"))).isTrue();
        assertThat(allow.allows("127.0.0.2", 1, literal("127.0.0.2"))).isFalse();
        assertThat(allow.allows("x", 1, literal("10.1.255.255"))).isTrue();
        assertThat(allow.allows("x", 1, literal("10.2.0.0"))).isFalse();
        assertThat(allow.allows("x", 1, literal("fd12::1"))).isTrue();
        assertThat(allow.allows("Receiver.Internal.", 8080, literal("10.9.9.9"))).isTrue();
        assertThat(allow.allows("receiver.internal", 8081, literal("10.9.9.9"))).isFalse();
        assertThat(allow.allows("[::1]", 9000, literal("::1"))).isTrue();
        assertThat(allow.allows("[::1]", 9001, literal("::1"))).isFalse();
        assertThat(allow.allows("192.168.1.5", 443, literal("192.168.1.5"))).isTrue();
        assertThat(allow.allows("192.168.1.5", 80, literal("192.168.1.5"))).isFalse();
        assertThat(EgressAllowList.parse(List.of()).isEmpty()).isTrue();
    }

    @Test
    void edgeCidrs() {
        assertThat(Cidr.of("0.0.0.0/0").contains(literal("8.8.8.8"))).isTrue();
        assertThat(Cidr.of("172.16.0.0/12").contains(literal("172.31.255.255"))).isTrue();
        assertThat(Cidr.of("172.16.0.0/12").contains(literal("172.32.0.0"))).isFalse();
        assertThat(Cidr.of("fe80::/10").contains(literal("febf:ffff::1"))).isTrue();
        assertThat(Cidr.of("fe80::/10").contains(literal("fec0::1"))).isFalse();
        assertThat(Cidr.of("10.0.0.0/8").contains(literal("::1"))).isFalse();
        assertThat(Cidr.parseOrNull("10.0.0.0/33")).isNull();
        assertThat(Cidr.parseOrNull("host.example:80")).isNull();
    }

    @Test
    void targetUrlsRefuseUserInfoAndOddHosts() {
        assertThat(TargetUrl.parse("https://hooks.example.com/a/b?token=x"))
                .isEqualTo(new TargetUrl(true, "hooks.example.com", 443, "/a/b?token=x"));
        assertThat(TargetUrl.parse("http://[::1]:81").pathAndQuery()).isEqualTo("/");
        for (String bad : List.of("http://x@127.0.0.1/", "http://user:pass@example.com/", "ftp://example.com/",
                "/relative", "http://999.1.1.1/", "http:///nohost")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TargetUrl.parse(bad)).as(bad)
                    .isInstanceOf(EgressRefusedException.class)
                    .hasMessageNotContaining("pass").hasMessageNotContaining("127.0.0.1");
        }
    }

    @Test
    void headerRules() {
        assertThat(OutgoingHeaders.problem("Authorization", "Bearer x")).isEmpty();
        assertThat(OutgoingHeaders.problem("X-Tab", "a\tb")).isEmpty();
        for (String name : List.of("Host", "content-length", "Transfer-Encoding", "Connection", "Upgrade",
                "Keep-Alive", "TE", "Trailer", "Proxy-Authorization", "proxy-connection", "Bad Name", "X\r\nY", "",
                "X:Y")) {
            assertThat(OutgoingHeaders.problem(name, "v")).as(name).isPresent();
        }
        for (String value : List.of("hunter2\r\nX-Injected: 1", "hunter2\n", "hunter2\u0000", "hunter2\u007f")) {
            assertThat(OutgoingHeaders.problem("X-Key", value)).hasValueSatisfying(p ->
                    assertThat(p).doesNotContain("hunter2").contains("X-Key"));
        }
    }
}
