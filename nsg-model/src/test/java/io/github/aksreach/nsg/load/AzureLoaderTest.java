package io.github.aksreach.nsg.load;

import static io.github.aksreach.nsg.NsgAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LbSku;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.LoadDistribution;
import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgProtocol;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.Subnet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureLoaderTest {
  private static final String SUB = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network";

  /** An az CLI flattened rule: sensible defaults, overridden by the fields of {@code extra} (", \"k\": v, ..."). */
  static String rule(String name, int priority, String extra) {
    try {
      com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
      com.fasterxml.jackson.databind.node.ObjectNode base = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(
          "{\"name\": \"" + name + "\", \"priority\": " + priority + ", \"direction\": \"Inbound\","
          + " \"access\": \"Allow\", \"protocol\": \"Tcp\", \"sourceAddressPrefix\": \"*\","
          + " \"sourceAddressPrefixes\": [], \"sourcePortRange\": \"*\", \"sourcePortRanges\": [],"
          + " \"destinationAddressPrefix\": \"*\", \"destinationAddressPrefixes\": [],"
          + " \"destinationApplicationSecurityGroups\": null, \"destinationPortRange\": \"80\","
          + " \"destinationPortRanges\": []}");
      String e = extra.strip();
      if (!e.isEmpty()) {
        base.setAll((com.fasterxml.jackson.databind.node.ObjectNode) m.readTree("{" + e.substring(1) + "}"));
      }
      return m.writeValueAsString(base);
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalArgumentException(x);
    }
  }

  static String nsg(String name, String rules) {
    return "{\"id\": \"" + SUB + "/networkSecurityGroups/" + name + "\", \"name\": \"" + name + "\","
        + " \"type\": \"Microsoft.Network/networkSecurityGroups\", \"securityRules\": [" + rules + "]}";
  }

  @Test
  void reportsEveryRuleProblemAtOnceWithFileAndPath() {
    String json = "[" + nsg("nsg-a", String.join(",",
        rule("Prio", 5000, ""),
        rule("DupA", 200, ""),
        rule("DupB", 200, ""),
        rule("BadPrefix", 300, ", \"sourceAddressPrefix\": \"10.0.0.1/33\""),
        rule("BadPort", 310, ", \"destinationPortRange\": \"\", \"destinationPortRanges\": [\"443\", \"70000\"]"),
        rule("UnknownTag", 320, ", \"sourceAddressPrefix\": \"Storage\""),
        rule("BadProto", 330, ", \"protocol\": \"Gre\""),
        rule("OutboundSamePrio", 200, ", \"direction\": \"Outbound\""))) + "]";
    LoadResult r = AzureLoader.parse("nsgs.json", json);
    assertThat(r).isInvalid()
        .hasError("nsgs.json", "$[0].securityRules[0].priority", "priority 5000 is out of range 100-4096")
        .hasError("nsgs.json", "$[0].securityRules[2]", "rules DupA and DupB both have inbound priority 200")
        .hasError("nsgs.json", "$[0].securityRules[3].sourceAddressPrefix",
            "invalid prefix '10.0.0.1/33': length 33 is out of range 0-32 for IPv4")
        .hasError("nsgs.json", "$[0].securityRules[4].destinationPortRanges[1]", "out of range 0-65535")
        .hasError("nsgs.json", "$[0].securityRules[6].protocol", "invalid protocol 'Gre'")
        .hasError("nsgs.json", "$[0].securityRules[5]", "NSG nsg-a rule UnknownTag source: unknown service tag"
            + " 'Storage'")
        .hasErrorCount(6);
    LoadResult tagOnly = AzureLoader.parse("nsgs.json", "[" + nsg("nsg-a", rule("UnknownTag", 320,
        ", \"sourceAddressPrefix\": \"Storage\"")) + "]");
    assertThat(tagOnly).hasError("nsgs.json", "$[0].securityRules[0]", "unknown service tag 'Storage'")
        .hasErrorCount(1);
  }

  @Test
  void aServiceTagsFileDefinesTags() {
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("nsgs.json", "[" + nsg("nsg-a", rule("ToStorage", 320, ", \"sourceAddressPrefix\": \"storage.WestEurope\""))
        + "]");
    docs.put("ServiceTags_Public.json", "{\"changeNumber\": 1, \"cloud\": \"Public\", \"values\": [{\"name\":"
        + " \"Storage.WestEurope\", \"id\": \"Storage.WestEurope\", \"properties\": {\"region\": \"westeurope\","
        + " \"addressPrefixes\": [\"20.38.0.0/17\", \"2603:1020::/48\"]}}]}");
    LoadResult r = AzureLoader.parseAll(docs);
    assertThat(r).isValid();
    AzureNetwork net = r.orThrow();
    assertThat(net.serviceTags().entry("STORAGE.westeurope").orElseThrow().prefixes()).hasSize(2);
  }

  @Test
  void acceptsSingularAndPluralFieldsAsAzurePrintsThem() {
    String json = nsg("nsg-a", String.join(",",
        rule("Plural", 100, ", \"destinationPortRange\": \"\", \"destinationPortRanges\": [\"80\", \"10000-10005\"],"
            + " \"sourceAddressPrefix\": null, \"sourceAddressPrefixes\": [\"10.0.0.0/24\", \"192.168.1.4\"]"),
        rule("Upper", 110, ", \"protocol\": \"TCP\", \"destinationPortRange\": 443"),
        rule("Star", 120, ", \"protocol\": \"*\", \"sourceAddressPrefix\": \"*\", \"sourceAddressPrefixes\": [],"
            + " \"sourceApplicationSecurityGroups\": []"),
        rule("Asg", 130, ", \"destinationAddressPrefix\": null, \"destinationApplicationSecurityGroups\": [{\"id\": \""
            + SUB + "/applicationSecurityGroups/web\", \"resourceGroup\": \"rg\"}]")));
    LoadResult r = AzureLoader.parse("nsg.json", json);
    assertThat(r).isValid().hasNote("application security groups are referenced but none was loaded");
    NetworkSecurityGroup nsg = r.orThrow().nsgs().get(0);
    SecurityRule plural = nsg.rule("Plural").orElseThrow();
    assertThat(plural.destinationPorts()).isEqualTo(PortSet.of(PortRange.single(80), PortRange.of(10000, 10005)));
    assertThat(plural.source()).isEqualTo(AddressSpec.prefixes(IpPrefix.of("10.0.0.0/24"),
        IpPrefix.of("192.168.1.4/32")));
    assertThat(nsg.rule("Upper").orElseThrow().protocol()).isEqualTo(NsgProtocol.TCP);
    assertThat(nsg.rule("Upper").orElseThrow().destinationPorts()).isEqualTo(PortSet.of(443));
    assertThat(nsg.rule("Star").orElseThrow().protocol()).isEqualTo(NsgProtocol.ANY);
    assertThat(nsg.rule("Asg").orElseThrow().destination()).isInstanceOf(AddressSpec.Asgs.class);
    // an NSG dumped without defaultSecurityRules still has the six default rules
    assertThat(nsg.defaultRules()).hasSize(6);
    assertThat(nsg.rules(Direction.INBOUND).get(nsg.rules(Direction.INBOUND).size() - 1).name())
        .isEqualTo("DenyAllInBound");
  }

  @Test
  void readsRestBodiesValueListsAndStandaloneRules() {
    String rest = "{\"value\": [{\"name\": \"nsg-b\", \"id\": \"" + SUB + "/networkSecurityGroups/nsg-b\","
        + " \"type\": \"Microsoft.Network/networkSecurityGroups\", \"properties\": {\"securityRules\": [{\"name\":"
        + " \"Web\", \"properties\": {\"priority\": 100, \"direction\": \"Inbound\", \"access\": \"Deny\","
        + " \"protocol\": \"Udp\", \"sourceAddressPrefix\": \"Internet\", \"sourcePortRange\": \"*\","
        + " \"destinationAddressPrefix\": \"*\", \"destinationPortRange\": \"53\"}}]}}]}";
    String ruleList = "[{\"name\": \"Extra\", \"id\": \"" + SUB + "/networkSecurityGroups/nsg-b/securityRules/Extra\","
        + " \"type\": \"Microsoft.Network/networkSecurityGroups/securityRules\", \"priority\": 200,"
        + " \"direction\": \"Outbound\", \"access\": \"Allow\", \"protocol\": \"Icmp\", \"sourceAddressPrefix\":"
        + " \"VirtualNetwork\", \"sourcePortRange\": \"*\", \"destinationAddressPrefix\": \"AzureLoadBalancer\","
        + " \"destinationPortRange\": \"*\"}]";
    LoadResult r = AzureLoader.parseAll(Map.of("a-rest.json", rest, "b-rules.json", ruleList));
    assertThat(r).isValid();
    NetworkSecurityGroup nsg = r.orThrow().nsgByName("nsg-b").orElseThrow();
    assertThat(nsg.customRules()).extracting(SecurityRule::name).containsExactly("Web", "Extra");
    assertThat(nsg.rule("Web").orElseThrow().access()).isEqualTo(Access.DENY);
    assertThat(nsg.rule("Web").orElseThrow().provenance().orElseThrow().path())
        .isEqualTo("$.value[0].properties.securityRules[0]");
  }

  @Test
  void loadsLiteralArmTemplatesAndJoinsByName() {
    String template = "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
        + " \"contentVersion\": \"1.0.0.0\", \"resources\": ["
        + "{\"type\": \"Microsoft.Network/networkSecurityGroups\", \"apiVersion\": \"2023-11-01\", \"name\": \"nsg1\","
        + "  \"location\": \"[resourceGroup().location]\", \"properties\": {\"securityRules\": []},"
        + "  \"resources\": [{\"type\": \"securityRules\", \"name\": \"AllowHttps\", \"properties\": {\"priority\": 100,"
        + "    \"direction\": \"Inbound\", \"access\": \"Allow\", \"protocol\": \"Tcp\", \"sourceAddressPrefix\": \"*\","
        + "    \"sourcePortRange\": \"*\", \"destinationAddressPrefix\": \"*\", \"destinationPortRange\": \"443\"}}]},"
        + "{\"type\": \"Microsoft.Network/networkSecurityGroups/securityRules\", \"name\": \"nsg1/DenyRest\","
        + "  \"properties\": {\"priority\": 4000, \"direction\": \"Inbound\", \"access\": \"Deny\", \"protocol\": \"*\","
        + "  \"sourceAddressPrefix\": \"*\", \"sourcePortRange\": \"*\", \"destinationAddressPrefix\": \"*\","
        + "  \"destinationPortRange\": \"*\"}},"
        + "{\"type\": \"Microsoft.Network/virtualNetworks\", \"name\": \"vnet1\", \"properties\": {\"addressSpace\":"
        + "  {\"addressPrefixes\": [\"10.1.0.0/16\"]}, \"subnets\": [{\"name\": \"web\", \"properties\": {\"addressPrefix\":"
        + "  \"10.1.0.0/24\", \"networkSecurityGroup\": {\"id\": \"/subscriptions/x/resourceGroups/y/providers/"
        + "Microsoft.Network/networkSecurityGroups/nsg1\"}}}]}},"
        + "{\"type\": \"Microsoft.Storage/storageAccounts\", \"name\": \"[parameters('sa')]\"}"
        + "]}";
    LoadResult r = AzureLoader.parse("template.json", template);
    assertThat(r).isValid().hasNote("skipped resource of type Microsoft.Storage/storageAccounts");
    AzureNetwork net = r.orThrow();
    NetworkSecurityGroup nsg = net.nsgByName("nsg1").orElseThrow();
    assertThat(nsg.customRules()).extracting(SecurityRule::name).containsExactly("AllowHttps", "DenyRest");
    Subnet web = net.vnets().get(0).subnet("web").orElseThrow();
    assertThat(web.nsgId()).hasValue(nsg.id());
    assertThat(net.subnetsUsing(nsg)).containsExactly(web);
  }

  @Test
  void rejectsExpressionsWhereArraysOrNumbersBelong() {
    String template = "{\"contentVersion\": \"1.0.0.0\", \"resources\": [{\"type\":"
        + " \"Microsoft.Network/virtualNetworks\", \"name\": \"v\", \"properties\": {\"addressSpace\": {\"addressPrefixes\":"
        + " \"[parameters('prefixes')]\"}}}, {\"type\": \"Microsoft.Network/networkSecurityGroups\", \"name\": \"n\","
        + " \"properties\": {\"securityRules\": [{\"name\": \"r\", \"properties\": {\"priority\": \"[variables('p')]\","
        + " \"direction\": \"Inbound\", \"access\": \"Allow\", \"protocol\": \"Tcp\", \"sourceAddressPrefix\": \"*\","
        + " \"sourcePortRange\": \"*\", \"destinationAddressPrefix\": \"*\", \"destinationPortRange\": \"[[literal]\"}}]}}]}";
    LoadResult r = AzureLoader.parse("t.json", template);
    assertThat(r).isInvalid()
        .hasError("t.json", "$.resources[0].properties.addressSpace.addressPrefixes",
            "unresolved ARM template expression '[parameters('prefixes')]'")
        .hasError("t.json", "$.resources[1].properties.securityRules[0].properties.priority",
            "unresolved ARM template expression '[variables('p')]'")
        // "[[" escapes a literal '[': not an expression, but not a port either
        .hasError("t.json", "$.resources[1].properties.securityRules[0].properties.destinationPortRange",
            "invalid port");
  }

  @Test
  void danglingReferencesOfLoadedKindsAreErrorsOthersAreNotes() {
    String vnet = "{\"id\": \"" + SUB + "/virtualNetworks/v\", \"name\": \"v\", \"type\":"
        + " \"Microsoft.Network/virtualNetworks\", \"addressSpace\": {\"addressPrefixes\": [\"10.0.0.0/16\"]},"
        + " \"subnets\": [{\"id\": \"" + SUB + "/virtualNetworks/v/subnets/a\", \"name\": \"a\", \"addressPrefix\":"
        + " \"10.0.0.0/24\", \"networkSecurityGroup\": {\"id\": \"" + SUB + "/networkSecurityGroups/missing\"},"
        + " \"routeTable\": {\"id\": \"" + SUB + "/routeTables/rt\"}}]}";
    String nic = "[{\"id\": \"" + SUB + "/networkInterfaces/n1\", \"name\": \"n1\", \"type\":"
        + " \"Microsoft.Network/networkInterfaces\", \"ipConfigurations\": [{\"name\": \"ipconfig1\","
        + " \"privateIPAddress\": \"10.0.0.4\", \"subnet\": {\"id\": \"" + SUB + "/virtualNetworks/v/subnets/b\"},"
        + " \"loadBalancerBackendAddressPools\": [{\"id\": \"" + SUB + "/loadBalancers/kubernetes/backendAddressPools/k\"}]}]}]";
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("vnet.json", vnet);
    docs.put("nics.json", nic);
    docs.put("nsgs.json", "[" + nsg("present", "") + "]");
    LoadResult r = AzureLoader.parseAll(docs);
    assertThat(r).isInvalid()
        .hasError("vnet.json", "$.subnets[0]", "references network security group " + SUB
            + "/networkSecurityGroups/missing, which no loaded file defines")
        .hasError("nics.json", "$[0]", "network interface n1 is in subnet b, but virtual network v has no such subnet")
        .hasErrorCount(2)
        .hasNote("route tables are referenced but none was loaded")
        .hasNote("load-balancer backend pools are referenced but their load balancer was not loaded");
  }

  /** {@code az network lb show}: an HA-ports rule, a probe's noHealthyBackendsBehavior and the SKU are all read. */
  @Test
  void readsTheLoadBalancerAsDumpedHaPortsProbeBehaviourAndSku() {
    String lbId = SUB + "/loadBalancers/kubernetes-internal";
    String lb = "{\"id\": \"" + lbId + "\", \"name\": \"kubernetes-internal\", \"type\":"
        + " \"Microsoft.Network/loadBalancers\", \"sku\": {\"name\": \"Basic\", \"tier\": \"Regional\"},"
        + " \"frontendIPConfigurations\": [{\"id\": \"" + lbId + "/frontendIPConfigurations/fe\", \"name\": \"fe\","
        + " \"privateIPAddress\": \"10.0.0.100\"}],"
        + " \"backendAddressPools\": [{\"id\": \"" + lbId + "/backendAddressPools/kubernetes\", \"name\": \"kubernetes\"}],"
        + " \"probes\": [{\"id\": \"" + lbId + "/probes/p\", \"name\": \"p\", \"protocol\": \"Tcp\", \"port\": 30080,"
        + " \"intervalInSeconds\": 5, \"probeThreshold\": 2, \"noHealthyBackendsBehavior\": \"AllProbedUp\"}],"
        + " \"loadBalancingRules\": [{\"id\": \"" + lbId + "/loadBalancingRules/ha\", \"name\": \"ha\","
        + " \"protocol\": \"All\", \"frontendPort\": 0, \"backendPort\": 0, \"enableFloatingIP\": true,"
        + " \"idleTimeoutInMinutes\": 4, \"loadDistribution\": \"SourceIP\","
        + " \"frontendIPConfiguration\": {\"id\": \"" + lbId + "/frontendIPConfigurations/fe\"},"
        + " \"backendAddressPool\": {\"id\": \"" + lbId + "/backendAddressPools/kubernetes\"},"
        + " \"probe\": {\"id\": \"" + lbId + "/probes/p\"}}]}";
    LoadResult r = AzureLoader.parse("lb.json", lb);
    assertThat(r).isValid();
    LoadBalancer b = r.orThrow().loadBalancers().get(0);
    assertThat(b.sku()).contains(LbSku.BASIC);
    LbRule ha = b.rules().get(0);
    assertThat(ha.haPorts()).isTrue();
    assertThat(ha.protocols().contains(Protocol.TCP) && ha.protocols().contains(Protocol.UDP)).isTrue();
    assertThat(ha.frontendPorts()).isEqualTo(PortSet.all());
    assertThat(ha.backendPortFor(53)).isEqualTo(53);
    assertThat(ha.enableFloatingIp()).isTrue();
    assertThat(ha.loadDistribution()).isEqualTo(LoadDistribution.SOURCE_IP);
    Probe p = b.probe(ha.probeId().orElseThrow()).orElseThrow();
    assertThat(p.noHealthyBackendsBehavior()).isEqualTo(NoHealthyBackendsBehavior.ALL_PROBED_UP);
    assertThat(p.describe()).isEqualTo("Tcp 30080");

    LoadResult bad = AzureLoader.parse("lb.json", lb.replace("\"Basic\"", "\"Premium\"")
        .replace("\"AllProbedUp\"", "\"Sometimes\""));
    assertThat(bad).isInvalid()
        .hasError("lb.json", "$.sku.name", "invalid LbSku 'Premium'")
        .hasError("lb.json", "$.probes[0].noHealthyBackendsBehavior", "invalid NoHealthyBackendsBehavior 'Sometimes'");
    String noSku = lb.replace("\"sku\": {\"name\": \"Basic\", \"tier\": \"Regional\"},", "");
    assertThat(AzureLoader.parse("lb.json", noSku).orThrow().loadBalancers().get(0).sku())
        .as("no sku in the dump: left to az aks show, then the default").isEmpty();
  }

  /** {@code az aks show}'s {@code networkProfile.loadBalancerSku} is an LbSku (Azure prints it lowercase). */
  @Test
  void readsTheClustersLoadBalancerSku() {
    String aks = "{\"id\": \"/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/a\","
        + " \"name\": \"a\", \"type\": \"Microsoft.ContainerService/ManagedClusters\","
        + " \"networkProfile\": {\"networkPlugin\": \"kubenet\", \"loadBalancerSku\": \"%s\"}}";
    assertThat(AzureLoader.parse("aks.json", String.format(aks, "basic")).cluster().orElseThrow()
        .loadBalancerSku()).contains(LbSku.BASIC);
    assertThat(AzureLoader.parse("aks.json", String.format(aks, "premium"))).isInvalid()
        .hasError("aks.json", "$.networkProfile.loadBalancerSku", "invalid LbSku 'premium'");
  }

  @Test
  void badJsonAndOddShapesAreErrorsNotExceptions() {
    assertThat(AzureLoader.parse("x.json", "{\"a\": ")).isInvalid();
    assertThat(AzureLoader.parse("x.json", "")).isInvalid();
    assertThat(AzureLoader.parse("x.json", "42")).hasError("x.json", "$", "expected a JSON object or array");
    assertThat(AzureLoader.parse("x.json", "[1, null]")).hasError("x.json", "$[0]", "expected a resource object");
    assertThat(AzureLoader.parse("x.json", "{\"type\": \"Microsoft.Network/networkSecurityGroups\","
        + " \"securityRules\": [{\"name\": \"r\"}]}")).hasError("x.json", "$.securityRules[0].priority",
        "missing required value");
    assertThat(AzureLoader.loadDirectory(java.nio.file.Path.of("/nonexistent-dir"))).isInvalid();
  }
}
