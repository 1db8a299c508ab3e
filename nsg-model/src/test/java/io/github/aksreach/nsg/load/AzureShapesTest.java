package io.github.aksreach.nsg.load;

import static io.github.aksreach.nsg.NsgAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.IpConfiguration;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** Real Azure shapes of issue 12: each read as Azure means it, or noted, never dropped in silence. */
class AzureShapesTest {
  private static final String SUB = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network";

  private static String defaultRule(String nsg, String name, int prio, String access, String src) {
    return AzureLoaderTest.rule(name, prio, ", \"access\": \"" + access + "\", \"sourceAddressPrefix\": \"" + src
        + "\", \"protocol\": \"*\", \"destinationPortRange\": \"*\", \"id\": \"" + SUB + "/networkSecurityGroups/"
        + nsg + "/defaultSecurityRules/" + name + "\"");
  }

  /** Microsoft's AKS baseline: custom DenyAllInBound and AllowAzureLoadBalancerInBound beside the default ones. */
  @Test
  void customRulesMayBearDefaultRuleNamesAndBothAreEvaluatedByPriority() {
    String nsg = "{\"id\": \"" + SUB + "/networkSecurityGroups/nsg-a\", \"name\": \"nsg-a\", \"type\":"
        + " \"Microsoft.Network/networkSecurityGroups\", \"securityRules\": ["
        + AzureLoaderTest.rule("AllowAzureLoadBalancerInBound", 1000,
            ", \"sourceAddressPrefix\": \"AzureLoadBalancer\"")
        + "," + AzureLoaderTest.rule("DenyAllInBound", 4096, ", \"access\": \"Deny\", \"protocol\": \"*\","
        + " \"destinationPortRange\": \"*\"") + "], \"defaultSecurityRules\": ["
        + defaultRule("nsg-a", "AllowVnetInBound", 65000, "Allow", "VirtualNetwork") + ","
        + defaultRule("nsg-a", "AllowAzureLoadBalancerInBound", 65001, "Allow", "AzureLoadBalancer") + ","
        + defaultRule("nsg-a", "DenyAllInBound", 65500, "Deny", "*") + "]}";
    LoadResult r = AzureLoader.parse("nsgs.json", nsg);
    assertThat(r).isValid();
    NetworkSecurityGroup n = r.orThrow().nsgs().get(0);
    assertThat(n.rules(Direction.INBOUND).stream().map(x -> x.name() + "@" + x.priority().value())
        .collect(Collectors.toList())).containsExactly("AllowAzureLoadBalancerInBound@1000", "DenyAllInBound@4096",
            "AllowVnetInBound@65000", "AllowAzureLoadBalancerInBound@65001", "DenyAllInBound@65500");
    assertThat(n.customRules()).extracting(SecurityRule::isDefault).containsOnly(false);

    LoadResult twice = AzureLoader.parse("nsgs.json", AzureLoaderTest.nsg("nsg-b", String.join(",",
        AzureLoaderTest.rule("DenyAllInBound", 4000, ""), AzureLoaderTest.rule("denyallinbound", 4001, ""))));
    assertThat(twice).isInvalid().hasError("nsgs.json", "$.securityRules[1]",
        "NSG nsg-b: two custom rules are named denyallinbound");
  }

  /** {@code az network list-service-tags}: type Microsoft.Network/serviceTags, change numbers as strings. */
  @Test
  void azListServiceTagsOutputIsReadAsServiceTags() {
    String tags = "{\"changeNumber\": \"63\", \"cloud\": \"Public\", \"id\": \"/subscriptions/s/providers/"
        + "Microsoft.Network/serviceTags/Public\", \"name\": \"Public\", \"nextLink\": null, \"type\":"
        + " \"Microsoft.Network/serviceTags\", \"values\": [{\"id\": \"AzureFrontDoor.Backend\", \"name\":"
        + " \"AzureFrontDoor.Backend\", \"properties\": {\"addressPrefixes\": [\"147.243.0.0/16\"], \"changeNumber\":"
        + " \"12\", \"region\": \"\", \"systemService\": \"AzureFrontDoor\"}, \"serviceTagChangeNumber\": \"63\"}]}";
    LoadResult r = AzureLoader.parse("tags.json", tags);
    assertThat(r).isValid();
    assertThat(r.inventory().serviceTags()).isEqualTo(1);
    assertThat(r.notes()).isEmpty();
    AzureNetwork net = r.orThrow();
    assertThat(net.serviceTags().changeNumber()).contains(63L);
    assertThat(net.serviceTags().entries().get(0).name()).isEqualTo("AzureFrontDoor.Backend");
  }

  private static String nic(String ipc, String extra) {
    return "{\"id\": \"" + SUB + "/networkInterfaces/n1\", \"name\": \"n1\", \"type\":"
        + " \"Microsoft.Network/networkInterfaces\", \"ipConfigurations\": [{\"name\": \"ipconfig1\"" + ipc + "}]"
        + extra + "}";
  }

  @Test
  void anIpConfigurationMayHoldABlockAndStateTrackingIsRead() {
    LoadResult r = AzureLoader.parse("nics.json", nic(", \"privateIPAddress\": \"10.224.0.16/28\","
        + " \"privateIPAddressPrefixLength\": 28", ", \"disableTcpStateTracking\": true"));
    assertThat(r).isValid().hasNote("network interface n1: TCP state tracking is disabled");
    NetworkInterface n = r.orThrow().nics().get(0);
    assertThat(n.disableTcpStateTracking()).isTrue();
    assertThat(n.privateIps()).isEqualTo(io.github.aksreach.core.model.IpSet.of(IpPrefix.of("10.224.0.16/28")));
    assertThat(r.orThrow().nicByIp(IpAddress.of("10.224.0.31"))).contains(n);
    assertThat(r.orThrow().nicByIp(IpAddress.of("10.224.0.32"))).isEmpty();

    assertThat(AzureLoader.parse("nics.json", nic(", \"privateIPAddress\": \"10.224.0.16\","
        + " \"privateIPAddressPrefixLength\": 28", "")).orThrow().nics().get(0).ipConfigurations().get(0)
        .privateIpPrefixLength()).contains(28);
    assertThat(AzureLoader.parse("nics.json", nic(", \"privateIPAddress\": \"10.224.0.16/28\","
        + " \"privateIPAddressPrefixLength\": 27", ""))).isInvalid().hasError("nics.json",
        "$.ipConfigurations[0].privateIPAddressPrefixLength", "contradicts privateIPAddress 10.224.0.16/28");
    assertThat(AzureLoader.parse("nics.json", nic(", \"privateIPAddress\": \"10.224.0.17/28\"", "")))
        .isValid().hasNote("has host bits set: read as the block 10.224.0.16/28");
  }

  /** The block is the configuration's addresses: holds agrees with them, and a one-address block is the address. */
  @Test
  void aBlockHoldsExactlyItsAddresses() {
    qt().forAll(SourceDSL.longs().between(0, 0xFFFF_FFFFL), SourceDSL.integers().between(16, 32),
        SourceDSL.longs().between(0, 0xFFFF_FFFFL)).checkAssert((base, len, probe) -> {
          IpConfiguration c = IpConfiguration.builder().name("c").privateIp(IpAddress.v4(base))
              .privateIpPrefixLength(len).build();
          IpAddress p = IpAddress.v4(probe);
          assertThat(c.holds(p)).isEqualTo(c.addresses().contains(p));
          assertThat(c.holds(p)).isEqualTo(IpPrefix.of(IpAddress.v4(base), len).contains(p));
          assertThat(c.holds(IpAddress.v4(base))).isTrue();
        });
  }

  @Test
  void createWrappersPowerShellObjectsAndRuleListsAreReadOrNoted() {
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("nic-create.json", "{\"NewNIC\": " + nic(", \"privateIPAddress\": \"10.0.0.4\"", "") + "}");
    docs.put("ps-nsg.json", "{\"Name\": \"nsg-ps\", \"Id\": \"" + SUB + "/networkSecurityGroups/nsg-ps\","
        + " \"Type\": \"Microsoft.Network/networkSecurityGroups\", \"Properties\": {\"securityRules\": [{\"Name\":"
        + " \"AllowWeb\", \"Priority\": 100, \"Direction\": \"Inbound\", \"Access\": \"Allow\", \"Protocol\": \"Tcp\","
        + " \"SourceAddressPrefix\": [\"10.0.0.0/24\"], \"SourcePortRange\": [\"*\"], \"DestinationAddressPrefix\":"
        + " [\"*\"], \"DestinationPortRange\": [\"80\", \"443\"]}]}}");
    docs.put("ps-storage.json", "{\"Name\": \"st\", \"ResourceType\": \"Microsoft.Storage/storageAccounts\","
        + " \"Properties\": {}}");
    docs.put("rules.json", "[" + AzureLoaderTest.rule("DenyWeb", 200, ", \"id\": \"" + SUB
        + "/networkSecurityGroups/nsg-r/securityRules/DenyWeb\", \"access\": \"Deny\"") + ","
        + defaultRule("nsg-r", "DenyAllInBound", 65500, "Deny", "*") + "]");
    docs.put("appgw.json", "{\"name\": \"agw\", \"type\": \"Microsoft.Network/applicationGateways\"}");
    docs.put("fw.json", "{\"name\": \"fw\", \"type\": \"Microsoft.Network/azureFirewalls\"}");
    docs.put("lb.json", "{\"id\": \"" + SUB + "/loadBalancers/lb\", \"name\": \"lb\", \"type\":"
        + " \"Microsoft.Network/loadBalancers\", \"frontendIPConfigurations\": [], \"inboundNatRules\": [{\"name\":"
        + " \"ssh\"}]}");
    LoadResult r = AzureLoader.parseAll(docs);
    assertThat(r).isValid()
        .hasNote("read the object under 'NewNIC'")
        .hasNote("skipped resource of type Microsoft.Storage/storageAccounts")
        .hasNote("NSG nsg-r built from its rules")
        .hasNote("application gateway agw: read as inventory, not yet on the path")
        .hasNote("Azure Firewall fw: read as inventory, not yet on the path")
        .hasNote("inbound NAT rules and pools are not modelled");
    AzureNetwork net = r.orThrow();
    assertThat(net.nics()).extracting(NetworkInterface::name).containsExactly("n1");
    NetworkSecurityGroup ps = net.nsgs().stream().filter(n -> n.name().equals("nsg-ps")).findFirst().orElseThrow();
    assertThat(ps.customRules().get(0).destinationPorts().toString()).contains("80").contains("443");
    NetworkSecurityGroup built = net.nsgs().stream().filter(n -> n.name().equals("nsg-r")).findFirst().orElseThrow();
    assertThat(built.customRules()).extracting(SecurityRule::name).containsExactly("DenyWeb");
    assertThat(built.defaultRules()).extracting(SecurityRule::name).containsExactly("DenyAllInBound");
    Inventory appgw = r.inventoryByFile().get("appgw.json");
    assertThat(appgw.appGateways()).isEqualTo(1);
    assertThat(appgw.counts()).containsOnlyKeys("appGateways");
    assertThat(r.inventoryByFile().get("rules.json").counts()).containsEntry("customRules", 1)
        .containsEntry("defaultRules", 1);
    assertThat(r.inventory().skipped()).isEqualTo(1);
  }

  @Test
  void effectiveNsgListingsAreInventoryWithANote() {
    String eff = "{\"value\": [{\"association\": {\"networkInterface\": {\"id\": \"" + SUB
        + "/networkInterfaces/n1\"}}, \"networkSecurityGroup\": {\"id\": \"" + SUB + "/networkSecurityGroups/nsg-a\"},"
        + " \"effectiveSecurityRules\": [{\"name\": \"defaultSecurityRules/DenyAllInBound\", \"access\": \"Deny\","
        + " \"priority\": 65500, \"direction\": \"Inbound\"}]}]}";
    LoadResult r = AzureLoader.parse("eff.json", eff);
    assertThat(r).isValid().hasNote("effective rules of NSG nsg-a on network interface n1 (az network nic"
        + " list-effective-nsg, 1 rules): read as inventory, not yet on the path");
    assertThat(r.inventory().effectiveNsgs()).isEqualTo(1);
    assertThat(r.inventory().effectiveRules()).isEqualTo(1);
  }

  @Test
  void skipInvalidLeavesOutTheBadRuleAndSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Files.writeString(dir.resolve("nsgs.json"), "[" + AzureLoaderTest.nsg("nsg-a", String.join(",",
        AzureLoaderTest.rule("Good", 100, ""), AzureLoaderTest.rule("Bad", 5000, ""))) + "]");
    LoadResult strict = AzureLoader.loadDirectory(dir);
    assertThat(strict).isInvalid().hasError("nsgs.json", "$[0].securityRules[1].priority",
        "priority 5000 is out of range 100-4096");
    LoadResult lenient = AzureLoader.loadDirectory(dir, io.github.aksreach.core.input.InputFiles.under(dir,
        io.github.aksreach.core.input.ReadLimits.defaults()), true);
    assertThat(lenient).isValid().hasNote("left out (--skip-invalid): priority 5000 is out of range 100-4096");
    assertThat(lenient.orThrow().nsgs().get(0).customRules()).extracting(SecurityRule::name)
        .containsExactly("Good");
    assertThat(List.of(lenient.notes().get(0).file(), lenient.notes().get(0).path()))
        .containsExactly("nsgs.json", "$[0].securityRules[1].priority");
  }
}
