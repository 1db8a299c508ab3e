package io.github.aksreach.nsg.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.nsg.Gens;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgProtocol;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompiledNsgTest {
  static SecurityRule rule(String name, int prio, Access a, NsgProtocol p, AddressSpec dst, PortSet ports) {
    return SecurityRule.builder().name(name).priority(Priority.of(prio)).direction(Direction.INBOUND).access(a)
        .protocol(p).destination(dst).destinationPorts(ports).build();
  }

  @Test
  void indexIsExactAtTheEdgesOfEveryField() {
    NetworkSecurityGroup nsg = NetworkSecurityGroup.builder()
        .id(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/e"))
        .addCustomRules(
            rule("TopPort", 100, Access.ALLOW, NsgProtocol.TCP, AddressSpec.any(), PortSet.of(65535)),
            rule("TopV4", 110, Access.ALLOW, NsgProtocol.ANY, AddressSpec.prefixes(IpPrefix.of("255.255.255.255/32")),
                PortSet.all()),
            rule("TopV6", 120, Access.ALLOW, NsgProtocol.UDP, AddressSpec.prefixes(IpPrefix.of("ffff::/16")),
                PortSet.of(PortRange.of(0, 0))),
            rule("Internet", 130, Access.DENY, NsgProtocol.ICMP, AddressSpec.tag("Internet"), PortSet.all()),
            rule("Empty", 140, Access.ALLOW, NsgProtocol.ANY, AddressSpec.asgs(Gens.ASG_IDLE), PortSet.all()))
        .build();
    CompiledNsg c = CompiledNsg.of(nsg, Direction.INBOUND, Gens.resolver());
    List<Flow> flows = List.of(
        Flow.of(Protocol.TCP, IpAddress.of("1.1.1.1"), 0, IpAddress.of("10.0.0.1"), 65535),
        Flow.of(Protocol.TCP, IpAddress.of("1.1.1.1"), 0, IpAddress.of("10.0.0.1"), 65534),
        Flow.of(Protocol.ESP, IpAddress.of("1.1.1.1"), 0, IpAddress.of("255.255.255.255"), 0),
        Flow.of(Protocol.UDP, IpAddress.of("::1"), 0, IpAddress.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 0),
        Flow.of(Protocol.UDP, IpAddress.of("::1"), 0, IpAddress.of("fffe::1"), 0),
        Flow.of(Protocol.ICMPV6, IpAddress.of("::1"), 0, IpAddress.of("2001:db8::1"), 0),
        Flow.of(Protocol.ICMP, IpAddress.of("::1"), 0, IpAddress.of("10.0.0.1"), 0),
        Flow.of(Protocol.SCTP, IpAddress.of("10.0.0.5"), 7, IpAddress.of("10.0.0.6"), 9),
        Flow.of(Protocol.SCTP, IpAddress.of("10.0.0.1"), 7, IpAddress.of("168.63.129.16"), 9));
    // ::1 is not in VirtualNetwork (10.0.0.0/30 + 168.63.129.16), so AllowVnetInBound does not admit it
    List<String> expected = List.of("TopPort", "DenyAllInBound", "TopV4", "TopV6", "DenyAllInBound", "Internet",
        "DenyAllInBound", "DenyAllInBound", "AllowVnetInBound");
    for (int i = 0; i < flows.size(); i++) {
      assertThat(c.decide(flows.get(i)).name()).as("%s", flows.get(i)).isEqualTo(expected.get(i));
      assertThat(c.decideLinear(flows.get(i))).isEqualTo(c.decide(flows.get(i)));
    }
    NsgPartition p = c.partition(FlowSpace.all());
    assertThat(p.part("Empty")).isEmpty();
    assertThat(p.part("TopPort").orElseThrow().flows().ports(io.github.aksreach.core.model.Field.DST_PORT))
        .isEqualTo(PortSet.of(65535));
  }
}
