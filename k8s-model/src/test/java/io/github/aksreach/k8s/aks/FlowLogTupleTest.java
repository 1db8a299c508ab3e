package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.Protocol;
import org.junit.jupiter.api.Test;

/** Flow-log tuples in the shapes DOMAIN.md 7 lists. */
class FlowLogTupleTest {
  @Test
  void nsgVersion1And2AndTheQuotedFormWithoutCounters() {
    FlowLogTuple v1 = FlowLogTuple.parse("1542110437,125.64.94.197,10.5.16.4,59752,18264,T,I,D").get();
    assertThat(v1.flow()).isEqualTo(Flow.tcp("125.64.94.197:59752", "10.5.16.4:18264"));
    assertThat(v1.denied()).isTrue();
    assertThat(v1.inbound()).isTrue();
    assertThat(v1.state()).isEmpty();
    FlowLogTuple v2 = FlowLogTuple.parse("1542110437,125.64.94.197,10.5.16.4,59752,18264,U,O,A,C,3,180,0,0").get();
    assertThat(v2.flow().protocol()).isEqualTo(Protocol.UDP);
    assertThat(v2.inbound()).isFalse();
    assertThat(v2.denied()).isFalse();
    assertThat(v2.state()).contains("C");
    FlowLogTuple quoted = FlowLogTuple.parse("1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B").get();
    assertThat(quoted.state()).contains("B");
    assertThat(quoted.denied()).isTrue();
  }

  @Test
  void vnetTuplesHaveNumericProtocolsMillisecondsAndDenialAsFlowState() {
    FlowLogTuple t = FlowLogTuple.parse("1663146003599,10.0.0.6,52.239.184.180,23956,443,6,O,D,NX,0,0,0,0").get();
    assertThat(t.timestamp()).isEqualTo(1663146003599L);
    assertThat(t.flow()).isEqualTo(Flow.tcp("10.0.0.6:23956", "52.239.184.180:443"));
    assertThat(t.denied()).isTrue();
    assertThat(t.inbound()).isFalse();
    assertThat(FlowLogTuple.parse("1663146003599,10.0.0.6,52.239.184.180,23956,443,6,O,B,NX,0,0,0,0").get()
        .denied()).isFalse();
  }

  @Test
  void vnetTuplesOfOtherProtocolsAreFlowsWithoutPorts() {
    FlowLogTuple icmp = FlowLogTuple.parse("1663146003599,10.0.0.6,10.0.0.7,0,0,1,O,B,NX,0,0,0,0").get();
    assertThat(icmp.flow().protocol()).isEqualTo(Protocol.ICMP);
    assertThat(icmp.flow().dstPort()).isZero();
  }

  @Test
  void badTuplesSayWhy() {
    assertThat(FlowLogTuple.parse("1,10.0.0.1,10.0.0.2,1,2,T,I").getError().message())
        .contains("expected 8, 9 or 13 fields, found 7");
    assertThat(FlowLogTuple.parse("1,10.0.0.1,10.0.0.2,1,2,X,I,A").getError().message()).contains("protocol 'X'");
    assertThat(FlowLogTuple.parse("1,10.0.0.999,10.0.0.2,1,2,T,I,A").isInvalid()).isTrue();
    assertThat(FlowLogTuple.parse("x,10.0.0.1,10.0.0.2,1,2,T,I,A").isInvalid()).isTrue();
    assertThat(FlowLogTuple.parse("1542110437,10.244.1.50,10.244.0.12,-5,8080,T,O,A,B").getError().message())
        .contains("ports must be 0 to 65535");
    assertThat(FlowLogTuple.parse("1,10.0.0.1,10.0.0.2,1,70000,T,I,A").isInvalid()).isTrue();
    assertThat(FlowLogTuple.parse("1,10.0.0.1,10.0.0.2,1,2,T,X,A").getError().message()).contains("direction 'X'");
    assertThat(FlowLogTuple.parse("1,10.0.0.1,10.0.0.2,1,2,T,I,Q").getError().message()).contains("decision 'Q'");
    assertThat(FlowLogTuple.parse("1,10.0.0.1,10.0.0.2,1,2,6,I,Z,NX,0,0,0,0").getError().message())
        .contains("flow state 'Z'");
    assertThat(FlowLogTuple.parse("1,10.0.0.1,2001:db8::1,1,2,T,I,A").isInvalid()).isTrue();
  }
}
