package io.github.aksreach.nsg.load;

import static io.github.aksreach.nsg.NsgAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.ServiceTagCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Azure JSON file of ../shared/realworld loads with the right counts, or fails naming expression and path. */
class RealWorldFilesTest {
  static final Path DIR = locate();

  static Path locate() {
    for (Path p : List.of(Path.of("../shared/realworld"), Path.of("../../shared/realworld"),
        Path.of("/work/shared/realworld"))) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("shared/realworld not found");
  }

  static LoadResult load(String name) {
    return AzureLoader.loadFile(DIR.resolve(name));
  }

  @Test
  void restSpecExampleHasOneCustomAndSixDefaultRules() {
    LoadResult r = load("restspec-NetworkSecurityGroupGet-2023-09-01.json");
    assertThat(r).isValid();
    NetworkSecurityGroup nsg = r.orThrow().nsgByName("testnsg").orElseThrow();
    assertThat(nsg.customRules()).hasSize(1);
    assertThat(nsg.defaultRules()).extracting(SecurityRule::name).containsExactly("AllowVnetInBound",
        "AllowAzureLoadBalancerInBound", "DenyAllInBound", "AllowVnetOutBound", "AllowInternetOutBound",
        "DenyAllOutBound");
    SecurityRule rule1 = nsg.customRules().get(0);
    assertThat(rule1.name()).isEqualTo("rule1");
    assertThat(rule1.priority().value()).isEqualTo(130);
    assertThat(rule1.destinationPorts()).isEqualTo(PortSet.of(80));
    assertThat(rule1.provenance().orElseThrow().path()).isEqualTo("$.responses['200'].body.properties.securityRules[0]");
    assertThat(r.inventory().customRules()).isEqualTo(1);
    assertThat(r.inventory().defaultRules()).isEqualTo(6);
  }

  @Test
  void cpaRecordedListHasNoCustomAndSixDefaultRules() {
    LoadResult r = load("cpa-recorded-nsg-list-response.json");
    assertThat(r).isValid();
    AzureNetwork net = r.orThrow();
    assertThat(net.nsgs()).hasSize(1);
    assertThat(net.nsgs().get(0).customRules()).isEmpty();
    assertThat(net.nsgs().get(0).defaultRules()).hasSize(6);
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void chinaServiceTagsHave327TagsAnd4390Prefixes() {
    LoadResult r = load("ServiceTags_China_20260720.json");
    assertThat(r).isValid();
    ServiceTagCatalog tags = r.orThrow().serviceTags();
    assertThat(tags.entries()).hasSize(327);
    assertThat(tags.prefixCount()).isEqualTo(4390);
    assertThat(tags.cloud()).hasValue("China");
    assertThat(tags.changeNumber()).hasValue(405L);
    assertThat(tags.entry("actiongroup")).isPresent();
    assertThat(r.inventory().serviceTags()).isEqualTo(327);
    assertThat(r.inventory().serviceTagPrefixes()).isEqualTo(4390);
  }

  @Test
  void publicSubsetHasTenTagsIncludingRegionalOnes() {
    LoadResult r = load("ServiceTags_Public_20251028.subset.json");
    assertThat(r).isValid();
    ServiceTagCatalog tags = r.orThrow().serviceTags();
    assertThat(tags.entries()).hasSize(10);
    assertThat(tags.prefixCount()).isEqualTo(1954);
    assertThat(tags.entry("Storage.WestEurope")).hasValueSatisfying(e -> assertThat(e.region()).isNotEmpty());
    assertThat(tags.resolve("storage.westeurope", IpSet.empty()).isValid()).isTrue();
    long v6 = tags.entries().stream().flatMap(e -> e.prefixes().stream())
        .filter(p -> p.family() == io.github.aksreach.core.model.IpFamily.V6).count();
    assertThat(v6).isEqualTo(528);
  }

  @Test
  void serviceFabricTemplateDeclaresThreeNsgsWithThirtyRulesButIsRejectedForItsExpressions() {
    LoadResult r = load("qs-service-fabric-3-nsgs-30-rules.arm.json");
    assertThat(r.inventory().nsgs()).isEqualTo(3);
    assertThat(r.inventory().customRules()).isEqualTo(30);
    assertThat(r.inventory().loadBalancers()).isEqualTo(3);
    assertThat(r).isInvalid()
        .hasError("qs-service-fabric-3-nsgs-30-rules.arm.json", "$.resources[4].name",
            "unresolved ARM template expression '[concat('nsg', variables('subnet0Name'))]'")
        .hasError("qs-service-fabric-3-nsgs-30-rules.arm.json",
            "$.resources[4].properties.securityRules[2].properties.destinationPortRange",
            "'[concat(variables('nt0ephemeralStartPort'), '-', variables('nt0ephemeralEndPort'))]'");
    assertThat(r.network()).isEmpty();
  }

  @Test
  void everyTemplateIsRejectedWithTheExpressionAndItsPath() {
    record Expect(String file, int nsgs, int rules, String path, String expression) {}
    List<Expect> all = List.of(
        new Expect("aks-baseline-spoke-BU0001A0008.arm.json", 3, 5, "$.resources[1].name",
            "[concat('nsg-', variables('clusterVNetName'), '-nodepools')]"),
        new Expect("aks-baseline-hub-regionA.arm.json", 1, 11,
            "$.resources[2].properties.addressSpace.addressPrefixes[0]", "[parameters('hubVnetAddressSpace')]"),
        new Expect("qs-apim-external-vnet-nsg.arm.json", 1, 18,
            "$.resources[1].properties.addressSpace.addressPrefixes[0]",
            "[parameters('virtualNetworkAddressPrefix')]"),
        new Expect("qs-application-security-group.arm.json", 1, 2,
            "$.resources[1].properties.securityRules[0].properties.destinationApplicationSecurityGroups[0].id",
            "[variables('asgId')]"),
        new Expect("qs-ipv6-in-vnet-stdlb.arm.json", 1, 4,
            "$.resources[4].properties.frontendIpConfigurations[0].properties.publicIPAddress.id",
            "[resourceId('Microsoft.Network/publicIPAddresses', 'lbpublicip')]"),
        new Expect("qs-private-aks-cluster.arm.json", 2, 6, "$.resources[1].name",
            "[variables('bastionSubnetNsgName')]"));
    for (Expect e : all) {
      LoadResult r = load(e.file());
      assertThat(r.inventory().nsgs()).as(e.file()).isEqualTo(e.nsgs());
      assertThat(r.inventory().customRules()).as(e.file()).isEqualTo(e.rules());
      assertThat(r).isInvalid().hasError(e.file(), e.path(), "unresolved ARM template expression '"
          + e.expression() + "'");
      assertThat(r.errors()).allSatisfy(err -> assertThat(err.file()).isEqualTo(e.file()));
      assertThat(r.errors()).allSatisfy(err -> assertThat(err.path()).startsWith("$.resources["));
    }
    LoadResult ipv6 = load("qs-ipv6-in-vnet-stdlb.arm.json");
    assertThat(ipv6).hasError("qs-ipv6-in-vnet-stdlb.arm.json", "$.resources[0].copy", "copy loops");
  }

  @Test
  void everyJsonFileIsEitherLoadedOrRejectedWithLocatedErrors() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(12);
    for (Path f : files) {
      LoadResult r = AzureLoader.loadFile(f);
      if (!r.isValid()) {
        assertThat(r.errors()).as(f.toString()).allSatisfy(e -> {
          assertThat(e.file()).isEqualTo(f.getFileName().toString());
          assertThat(e.path()).startsWith("$");
        });
      }
    }
    // the Kubernetes JSON in the folder is not Azure: skipped with a note, not an error
    LoadResult k9s = load("k9s-networkpolicy-ipblock.json");
    assertThat(k9s).isValid().hasNote("skipped");
  }

  @Test
  void theAsgTemplateKeepsTheNicDynamicAddressAsANote() {
    LoadResult r = load("qs-application-security-group.arm.json");
    assertThat(r).hasNote("IP configuration without privateIPAddress");
    assertThat(r.inventory().asgs()).isEqualTo(1);
    assertThat(r.inventory().nics()).isEqualTo(1);
  }

  @Test
  void restExampleRuleDecidesAsAzureWould() {
    NetworkSecurityGroup nsg = load("restspec-NetworkSecurityGroupGet-2023-09-01.json").orThrow().nsgs().get(0);
    assertThat(nsg.rules(io.github.aksreach.nsg.model.Direction.INBOUND)).extracting(SecurityRule::name)
        .containsExactly("rule1", "AllowVnetInBound", "AllowAzureLoadBalancerInBound", "DenyAllInBound");
  }
}
