package io.github.aksreach.nsg.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import org.junit.jupiter.api.Test;

class ModelTest {
  static final String NET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network";

  @Test
  void prioritiesAreRangeCheckedAndDefaultsAccepted() {
    assertThat(Priority.parse(4096).isValid()).isTrue();
    assertThat(Priority.parse(99).getError().message()).isEqualTo("priority 99 is out of range 100-4096");
    assertThat(Priority.parseDefault(65001).get().isDefaultRule()).isTrue();
    assertThat(Priority.parseDefault(65002).isInvalid()).isTrue();
    assertThatThrownBy(() -> Priority.of(5000)).isInstanceOf(InvalidModelException.class);
  }

  @Test
  void resourceIdsCompareIgnoringCaseAndKnowTheirParent() {
    ResourceId a = ResourceId.of(NET + "/virtualNetworks/v/subnets/user");
    assertThat(a).isEqualTo(ResourceId.of(a.value().toUpperCase() + "/"));
    assertThat(a.name()).isEqualTo("user");
    assertThat(a.childType()).isEqualTo("subnets");
    assertThat(a.parent()).hasValue(ResourceId.of(NET + "/virtualNetworks/v"));
    assertThat(ResourceId.of(NET + "/virtualNetworks/v").parent()).isEmpty();
    assertThatThrownBy(() -> ResourceId.of(" ")).isInstanceOf(InvalidModelException.class);
  }

  @Test
  void nsgsAlwaysHaveTheDefaultRulesAndUniquePriorities() {
    SecurityRule deny = SecurityRule.builder().name("DenyAllCustom").priority(Priority.of(4000))
        .direction(Direction.INBOUND).access(Access.DENY).build();
    NetworkSecurityGroup nsg = NetworkSecurityGroup.builder().id(ResourceId.of(NET + "/networkSecurityGroups/n"))
        .addCustomRules(deny).build();
    assertThat(nsg.name()).isEqualTo("n");
    assertThat(nsg.defaultRules()).isEqualTo(DefaultRules.standard());
    assertThat(nsg.rules(Direction.OUTBOUND)).extracting(SecurityRule::name)
        .containsExactly("AllowVnetOutBound", "AllowInternetOutBound", "DenyAllOutBound");
    assertThatThrownBy(() -> nsg.withCustomRules(deny, deny.withName("Other")))
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("share inbound priority 4000");
    // an outbound rule may reuse an inbound priority
    assertThat(nsg.withCustomRules(deny, deny.withName("Out").withDirection(Direction.OUTBOUND)).customRules())
        .hasSize(2);
    // provenance is auxiliary
    assertThat(deny.withProvenance(new Provenance("a.json", "$[0]"))).isEqualTo(deny);
  }

  @Test
  void provenanceOfAListsItemIsTheProvenanceOfItsPath() {
    Provenance item = Provenance.item("pods.json", "items", 7);
    Provenance given = new Provenance("pods.json", "items[7]");
    assertThat(item).isEqualTo(given).hasSameHashCodeAs(given).hasToString("pods.json: items[7]");
    assertThat(given).isEqualTo(item);
    assertThat(item.path()).isEqualTo("items[7]");
    assertThat(item.file()).isEqualTo("pods.json");
    assertThat(Provenance.item("nics.json", "$", 0)).hasToString("nics.json: $[0]");
    assertThat(Provenance.item("pods.json", "items", 8)).isNotEqualTo(given);
    assertThat(Provenance.item("nodes.json", "items", 7)).isNotEqualTo(given);
    assertThat(new Provenance("", "doc[0]")).hasToString("doc[0]");
    assertThat(new Provenance("a.json", "")).hasToString("a.json");
    assertThatThrownBy(() -> Provenance.item("f", "items", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Provenance.item(null, "items", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Provenance("f", null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void virtualNetworkTagHasSpacePeeringsRoutesAndHostAndOptionallyDefaultRoutes() {
    ResourceId rt = ResourceId.of(NET + "/routeTables/rt");
    Subnet s = Subnet.builder().id(ResourceId.of(NET + "/virtualNetworks/v/subnets/a"))
        .addPrefixes(IpPrefix.of("10.0.0.0/24")).routeTableId(rt).build();
    VirtualNetwork v = VirtualNetwork.builder().id(ResourceId.of(NET + "/virtualNetworks/v"))
        .addAddressPrefixes(IpPrefix.of("10.0.0.0/16")).addSubnets(s).addPeeredPrefixes(IpPrefix.of("10.1.0.0/16"))
        .build();
    Route pods = Route.builder().name("pods").destination(AddressSpec.prefixes(IpPrefix.of("10.244.0.0/24")))
        .nextHopType(NextHopType.VIRTUAL_APPLIANCE).nextHopIp(IpAddress.of("10.0.0.4")).build();
    Route dflt = Route.builder().name("fw").destination(AddressSpec.prefixes(IpPrefix.of("0.0.0.0/0")))
        .nextHopType(NextHopType.VIRTUAL_APPLIANCE).nextHopIp(IpAddress.of("10.0.1.4")).build();
    AzureNetwork net = AzureNetwork.builder().addVnets(v)
        .addRouteTables(RouteTable.builder().id(rt).addRoutes(pods, dflt).build()).build();
    assertThat(ServiceTagCatalog.virtualNetworkSpace(net, v, false)).isEqualTo(IpSet.parse(
        "10.0.0.0/16, 10.1.0.0/16, 10.244.0.0/24, 168.63.129.16").get());
    assertThat(ServiceTagCatalog.virtualNetworkSpace(net, v, true).contains(IpAddress.of("8.8.8.8"))).isTrue();
    ServiceTagCatalog tags = net.serviceTags();
    IpSet vnetTag = ServiceTagCatalog.virtualNetworkSpace(net, v, false);
    assertThat(tags.resolve("Internet", vnetTag).get()).isEqualTo(vnetTag.complement());
    assertThat(tags.resolve("AzureLoadBalancer", vnetTag).get().contains(IpAddress.of("fe80::1234:5678:9abc")))
        .isTrue();
    assertThat(tags.resolve("Storage", vnetTag).getError().message()).startsWith("unknown service tag 'Storage'");
    assertThat(net.subnetContaining(IpAddress.of("10.0.0.9"))).hasValue(s);
    assertThat(net.vnetOf(s)).hasValue(v);
  }
}
