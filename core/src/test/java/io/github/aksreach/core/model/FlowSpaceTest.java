package io.github.aksreach.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowSpaceTest {
  private static final Flow CLIENT = Flow.tcp("192.168.1.4:50326", "192.168.0.22:80");

  @Test
  void restrictsContainsAndWitnesses() {
    FlowSpace toLb = FlowSpace.where(ProtocolSet.of(Protocol.TCP))
        .restrictTo(Field.DST_IP, IpSet.parse("192.168.0.22").get())
        .restrictTo(Field.DST_PORT, PortSet.of(80));
    assertThat(toLb.contains(CLIENT)).isTrue();
    assertThat(toLb.contains(CLIENT.withDst(IpAddress.of("192.168.0.22"), 443))).isFalse();
    FlowSpace fromVms = toLb.restrictTo(Field.SRC_IP, IpSet.parse("192.168.1.0/24").get());
    assertThat(toLb.difference(fromVms).contains(CLIENT)).isFalse();
    assertThat(fromVms.witness()).hasValueSatisfying(f -> assertThat(fromVms.contains(f)).isTrue());
    assertThat(fromVms.witness(CLIENT)).contains(CLIENT);
    assertThat(fromVms.ips(Field.SRC_IP)).isEqualTo(IpSet.parse("192.168.1.0/24").get());
    assertThat(FlowSpace.empty().witness()).isEmpty();
  }

  @Test
  void equalityIsSetEquality() {
    FlowSpace a = FlowSpace.where(Field.DST_PORT, PortSet.of(PortRange.of(0, 100)));
    FlowSpace b = FlowSpace.where(Field.DST_PORT, PortSet.of(PortRange.of(0, 50)))
        .union(FlowSpace.where(Field.DST_PORT, PortSet.of(PortRange.of(51, 100))));
    assertThat(a).isEqualTo(b);
    assertThat(a.complement().complement()).isEqualTo(a);
    assertThat(a.union(a.complement())).isEqualTo(FlowSpace.all());
    assertThat(FlowSpace.of(CLIENT).contains(CLIENT)).isTrue();
    assertThat(FlowSpace.of(CLIENT).contains(CLIENT.withSrc(CLIENT.srcIp(), 1))).isFalse();
  }

  @Test
  void fixingAFieldIsTheSetBeforeARewrite() {
    FlowSpace toPod = FlowSpace.where(Field.DST_IP, IpSet.parse("10.244.2.2").get());
    // after DNAT to 10.244.2.2 every flow is "to the pod"
    assertThat(toPod.fixing(Field.DST_IP, IpAddress.of("10.244.2.2").hi(), IpAddress.of("10.244.2.2").lo()))
        .isEqualTo(FlowSpace.all());
    assertThat(toPod.fixing(Field.DST_IP, IpAddress.of("10.244.2.3").hi(), IpAddress.of("10.244.2.3").lo()))
        .isEqualTo(FlowSpace.empty());
  }
}
