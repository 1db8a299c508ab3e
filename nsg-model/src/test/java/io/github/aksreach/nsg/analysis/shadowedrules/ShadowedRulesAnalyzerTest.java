package io.github.aksreach.nsg.analysis.shadowedrules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.model.PortSet;
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

class ShadowedRulesAnalyzerTest {
  static SecurityRule rule(String name, int prio, Access a, AddressSpec src, PortSet ports) {
    return SecurityRule.builder().name(name).priority(Priority.of(prio)).direction(Direction.INBOUND).access(a)
        .protocol(NsgProtocol.TCP).source(src).destinationPorts(ports).build();
  }

  @Test
  void findsRedundantConflictingAndEmptyRulesWithTheirShadows() {
    NetworkSecurityGroup nsg = NetworkSecurityGroup.builder()
        .id(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/n"))
        .addCustomRules(
            rule("AllowLow", 100, Access.ALLOW, AddressSpec.prefixes(IpPrefix.of("10.0.0.0/25")),
                PortSet.of(PortRange.of(80, 90))),
            rule("AllowHigh", 110, Access.ALLOW, AddressSpec.prefixes(IpPrefix.of("10.0.0.128/25")),
                PortSet.of(PortRange.of(80, 90))),
            rule("DenySsh", 120, Access.DENY, AddressSpec.any(), PortSet.of(22)),
            rule("AllowWeb", 130, Access.ALLOW, AddressSpec.prefixes(IpPrefix.of("10.0.0.0/24")), PortSet.of(80)),
            rule("AllowSshFromAdmins", 140, Access.ALLOW, AddressSpec.prefixes(IpPrefix.of("10.9.0.0/16")),
                PortSet.of(22)),
            rule("AllowIdle", 150, Access.ALLOW, AddressSpec.asgs(Gens.ASG_IDLE), PortSet.all()),
            rule("AllowOther", 160, Access.ALLOW, AddressSpec.prefixes(IpPrefix.of("10.0.0.0/24")), PortSet.of(443)))
        .build();
    List<ShadowedRulesResult.Row> rows = ShadowedRulesAnalyzer.analyze(nsg, Gens.resolver(),
        ShadowedRulesQuery.defaults());
    assertThat(rows).extracting(Object::toString).containsExactly(
        "n inbound AllowWeb (130) SHADOWED by AllowLow (100), AllowHigh (110) [redundant]",
        "n inbound AllowSshFromAdmins (140) SHADOWED by DenySsh (120) [conflicting]",
        "n inbound AllowIdle (150) EMPTY (matches no flow in explicit context)");
  }
}
