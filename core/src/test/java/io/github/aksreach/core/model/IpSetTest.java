package io.github.aksreach.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpSetTest {

  @Test
  void parsesAndPrintsBothFamilies() {
    assertThat(IpAddress.of("192.168.0.22").toString()).isEqualTo("192.168.0.22");
    assertThat(IpAddress.of("2001:DB8:0:0:0:0:0:1").toString()).isEqualTo("2001:db8::1");
    assertThat(IpAddress.of("::").toString()).isEqualTo("::");
    assertThat(IpAddress.of("fe80::1:0:0:1").toString()).isEqualTo("fe80::1:0:0:1");
    assertThat(IpAddress.of("::ffff:10.0.0.1").family()).isEqualTo(IpFamily.V4);
    assertThat(IpAddress.of("ace:cab:deca:deed::1").family()).isEqualTo(IpFamily.V6);
  }

  @Test
  void badInputGivesMessagesNamingTheValue() {
    assertThat(IpPrefix.parse("10.0.0.300/24").getError().message())
        .contains("10.0.0.300").contains("octet 300 is greater than 255");
    assertThat(IpPrefix.parse("10.0.0.1/33").getError().message())
        .isEqualTo("invalid prefix '10.0.0.1/33': length 33 is out of range 0-32 for IPv4");
    assertThat(PortRange.parse("80-70").getError().message())
        .isEqualTo("invalid port range '80-70': start 80 is greater than end 70");
    assertThat(PortRange.parse("65536").getError().message())
        .isEqualTo("invalid port '65536': out of range 0-65535");
    assertThat(IpAddress.parse("1::2::3").getError().message()).contains("'::' appears more than once");
    assertThat(IpPrefix.parse("<ingress-controller-ilb-ipv4-address>").isInvalid()).isTrue();
    assertThatThrownBy(() -> IpAddress.of("nope")).isInstanceOf(InvalidModelException.class);
  }

  /** Leading zeros are refused by the one parser, so k8s, Azure and CLI input all refuse them (issue 12). */
  @Test
  void leadingZeroOctetsAreRefusedNotReadAsDecimalOrOctal() {
    assertThat(IpAddress.parse("010.0.0.1").getError().message())
        .isEqualTo("invalid IPv4 address '010.0.0.1': octet '010' has a leading zero, which some tools read as octal"
            + " and Kubernetes refuses; write 10");
    assertThat(IpPrefix.parse("10.0.0.00/24").getError().message()).contains("octet '00' has a leading zero");
    assertThat(IpSet.parse("10.1.2.3/32,192.168.001.0/24").isInvalid()).isTrue();
    assertThat(IpAddress.parse("::ffff:10.0.0.01").isInvalid()).isTrue();
    assertThat(IpAddress.of("10.0.0.0").toString()).isEqualTo("10.0.0.0");
    assertThat(IpAddress.of("0.0.0.0").toString()).isEqualTo("0.0.0.0");
  }

  /** Blanks around an address are dropped; a control character (a terminal escape, NUL) is no blank. */
  @Test
  void controlCharactersAroundAnAddressAreRefusedNotTrimmed() {
    assertThat(IpAddress.parse(" 10.0.12.34\t\r\n").get()).isEqualTo(IpAddress.of("10.0.12.34"));
    assertThat(IpPrefix.parse(" 10.0.0.0/8\n").get()).isEqualTo(IpPrefix.of("10.0.0.0/8"));
    assertThat(IpPrefix.hasHostBits("10.0.0.7/24")).isTrue();
    assertThat(IpPrefix.hasHostBits(" 2001:db8::1/32\n")).isTrue();
    assertThat(IpPrefix.hasHostBits("10.0.0.0/24")).isFalse();
    assertThat(IpPrefix.hasHostBits("10.0.0.7")).isFalse();
    assertThat(IpPrefix.hasHostBits("10.0.0.7/33")).isFalse();
    assertThat(IpPrefix.hasHostBits("not an address/24")).isFalse();
    for (String bad : List.of("\u001b10.0.12.34", "10.0.12.34\u0000", "\u0007fd00::1", "fd00::1\u001b[0m")) {
      assertThat(IpAddress.parse(bad).isInvalid()).as(bad).isTrue();
      assertThat(IpPrefix.parse(bad).isInvalid()).as(bad).isTrue();
      assertThat(IpPrefix.parse(bad + "/32").isInvalid()).as(bad).isTrue();
    }
    assertThat(IpAddress.parse("\u001b10.0.12.34").getError().message())
        .as("shown escaped").isEqualTo("invalid IPv4 address '\\u001b10.0.12.34': '\\u001b10' is not an octet");
  }

  @Test
  void setAlgebraOnPrefixes() {
    IpSet vnet = IpSet.parse("192.168.0.0/16").get();
    IpSet nodes = IpSet.of(IpPrefix.of("192.168.0.0/28"), IpPrefix.of("192.168.0.32/28"));
    IpSet rest = vnet.difference(nodes);
    assertThat(rest.contains(IpAddress.of("192.168.0.16"))).isTrue();
    assertThat(rest.contains(IpAddress.of("192.168.0.36"))).isFalse();
    assertThat(rest.union(nodes)).isEqualTo(vnet);
    assertThat(IpSet.of(IpPrefix.of("10.0.0.0/25"), IpPrefix.of("10.0.0.128/25")).toCidrs())
        .containsExactly(IpPrefix.of("10.0.0.0/24"));
    assertThat(nodes.complement(IpFamily.V4).contains(IpAddress.of("8.8.8.8"))).isTrue();
    assertThat(nodes.complement(IpFamily.V4).contains(IpAddress.of("::1"))).isFalse();
    assertThat(IpSet.all(IpFamily.V4).toCidrs()).containsExactly(IpPrefix.of("0.0.0.0/0"));
    assertThat(IpSet.parse("0.0.0.0/0").get()).isEqualTo(IpSet.all(IpFamily.V4));
    assertThat(IpSet.parse("::/0").get()).isEqualTo(IpSet.all());
    assertThat(IpSet.all(IpFamily.V6).union(IpSet.all(IpFamily.V4))).isEqualTo(IpSet.all());
    assertThat(IpSet.parse("10.0.0.1-10.0.0.5".replace('-', ',')).get().toCidrs())
        .containsExactly(IpPrefix.of("10.0.0.1/32"), IpPrefix.of("10.0.0.5/32"));
    assertThat(IpSet.range(IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.6")).toCidrs()).containsExactly(
        IpPrefix.of("10.0.0.1/32"), IpPrefix.of("10.0.0.2/31"), IpPrefix.of("10.0.0.4/31"),
        IpPrefix.of("10.0.0.6/32"));
  }

  @Test
  void ipv6PrefixesFromRealTemplates() {
    IpSet s = IpSet.parse("cab:cab:aaaa:bbbb::/64,cab:cab:1111:2222::/64").get();
    assertThat(s.contains(IpAddress.of("cab:cab:aaaa:bbbb::42"))).isTrue();
    assertThat(s.contains(IpAddress.of("cab:cab:aaaa:bbbc::"))).isFalse();
    assertThat(s.toCidrs()).containsExactly(IpPrefix.of("cab:cab:1111:2222::/64"),
        IpPrefix.of("cab:cab:aaaa:bbbb::/64"));
  }

  @Test
  void portAndProtocolSets() {
    PortSet web = PortSet.parse("80, 443,8000-8080").get();
    assertThat(web.contains(8080)).isTrue();
    assertThat(web.complement().ranges()).containsExactly(PortRange.of(0, 79), PortRange.of(81, 442),
        PortRange.of(444, 7999), PortRange.of(8081, 65535));
    assertThat(PortSet.parse("*").get()).isEqualTo(PortSet.all());
    assertThat(ProtocolSet.parse("Tcp").get().contains(Protocol.TCP)).isTrue();
    assertThat(ProtocolSet.parse("*").get().contains(Protocol.ESP)).isTrue();
    assertThat(Protocol.parse("gre").getError().message()).contains("'gre'");
  }

  @Test
  void ofAddressesIsTheUnionOfTheSingleAddressesInAnyOrder() {
    IpSet s = IpSet.ofAddresses(List.of(IpAddress.of("10.0.0.3"), IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.2"),
        IpAddress.of("10.0.0.1"), IpAddress.of("2001:db8::1")));
    assertThat(s.toCidrs()).extracting(Object::toString)
        .containsExactly("10.0.0.1/32", "10.0.0.2/31", "2001:db8::1/128");
    assertThat(IpSet.ofAddresses(List.of()).isEmpty()).isTrue();
  }
}
