package io.github.aksreach.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.json.JsonSerializable;
import com.azure.json.JsonWriter;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.InvalidInputException;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.cluster.LoadOptions;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.cluster.ScenarioLoader;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Objects that go wrong are refused or reported naming the object and the JSON path; nothing is lost. */
class AzureSdkScenarioTest {
  private static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg";
  private static final String NSG = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-a";

  /** An NSG as NetworkSecurityGroupInner writes one with one custom rule. */
  private static SdkModels.Model nsg(String id, int priority) {
    return SdkModels.nsg(Map.of("id", id, "location", "westeurope", "securityRules", List.of(Map.of(
        "id", id + "/securityRules/AllowWeb", "name", "AllowWeb", "protocol", "Tcp", "access", "Allow",
        "priority", priority, "direction", "Inbound", "sourceAddressPrefix", "*", "sourcePortRange", "*",
        "destinationAddressPrefix", "*", "destinationPortRange", "80"))));
  }

  @Test
  void eachObjectIsATextNamedAfterItsIdWithNameAndTypeFromTheId() {
    ScenarioSources s = AzureSdkScenario.of("objects", List.of(nsg(NSG, 100))).orElseThrow();
    assertThat(s.name()).isEqualTo("objects");
    assertThat(s.azure()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("azure-sdk:" + NSG);
      assertThat(t.text()).startsWith("{\"id\":\"" + NSG + "\",\"name\":\"nsg-a\",\"type\":"
          + "\"Microsoft.Network/networkSecurityGroups\",\"location\":\"westeurope\",\"properties\":{");
    });
    Scenario sc = ScenarioLoader.load(s).orElseThrow();
    NetworkSecurityGroup n = sc.azure().nsgs().get(0);
    assertThat(n.name()).isEqualTo("nsg-a");
    assertThat(n.customRules()).extracting(r -> r.name() + "@" + r.priority().value()).containsExactly("AllowWeb@100");
    assertThat(n.defaultRules()).extracting(r -> r.name() + "@" + r.priority().value() + "/" + r.direction())
        .containsExactly("AllowVnetInBound@65000/INBOUND", "AllowAzureLoadBalancerInBound@65001/INBOUND",
            "DenyAllInBound@65500/INBOUND", "AllowVnetOutBound@65000/OUTBOUND",
            "AllowInternetOutBound@65001/OUTBOUND", "DenyAllOutBound@65500/OUTBOUND");
    assertThat(s.notes()).singleElement().satisfies(note -> {
      assertThat(note.file()).isEqualTo("azure-sdk:" + NSG);
      assertThat(note.path()).isEqualTo("properties.defaultSecurityRules");
    });
  }

  @Test
  void anNsgThatCarriesItsDefaultRulesKeepsThemWithoutANote() {
    SdkModels.Model written = nsg(NSG, 100);
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) written.fields.get("properties");
    props.put("defaultSecurityRules", List.of(Map.of("id", NSG + "/defaultSecurityRules/DenyAllInBound", "name",
        "DenyAllInBound", "properties", Map.of("protocol", "*", "access", "Deny", "priority", 65500, "direction",
            "Inbound", "sourceAddressPrefix", "*", "sourcePortRange", "*", "destinationAddressPrefix", "*",
            "destinationPortRange", "*"))));
    ScenarioSources s = AzureSdkScenario.of("x", List.of(written)).orElseThrow();
    assertThat(s.notes()).isEmpty();
    assertThat(ScenarioLoader.load(s).orElseThrow().azure().nsgs().get(0).defaultRules()).hasSize(1);
  }

  @Test
  void theLoadersValidationAppliesAndNamesTheObjectAndPath() {
    Validated<Scenario> s = ScenarioLoader.load(AzureSdkScenario.of("x", List.of(nsg(NSG, 5000))).orElseThrow());
    assertThat(s.isInvalid()).isTrue();
    assertThat(s.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("azure-sdk:" + NSG);
      assertThat(e.path()).contains("securityRules[0]").contains("priority");
      assertThat(e.message()).contains("5000");
    });
    assertThatThrownBy(s::orElseThrow).isInstanceOf(InvalidInputException.class).hasMessageContaining("nsg-a")
        .hasMessageContaining("5000");
  }

  @Test
  void skippingInvalidKeepsTheGoodObjectsAndNotesTheBadOne() {
    String other = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-b";
    ScenarioSources in = AzureSdkScenario.of("x", List.of(nsg(NSG, 5000), nsg(other, 200))).orElseThrow();
    Scenario s = ScenarioLoader.load(in, ReadLimits.defaults(), LoadOptions.skippingInvalid()).orElseThrow();
    assertThat(s.azure().nsgs()).extracting(NetworkSecurityGroup::name).contains("nsg-b");
    assertThat(s.notes()).anySatisfy(n -> assertThat(n.file()).isEqualTo("azure-sdk:" + NSG));
  }

  /** What ManagedClusterInner writes: no id, name or type. */
  private static SdkModels.Model cluster() {
    return SdkModels.managedCluster(Map.of("location", "westeurope", "kubernetesVersion", "1.30.3",
        "nodeResourceGroup", "MC_rg_aks_westeurope", "networkProfile", Map.of("networkPlugin", "kubenet",
            "podCidr", "10.244.0.0/16", "serviceCidr", "10.0.0.0/16"), "agentPoolProfiles", List.of(Map.of(
            "name", "nodepool1", "count", 3, "mode", "System"))));
  }

  @Test
  void aModelThatWritesNoIdIsRefusedNamingItUnlessTheIdIsGiven() {
    Validated<ScenarioSources> r = AzureSdkScenario.of("x", List.of(nsg(NSG, 100), cluster()));
    assertThat(r.isInvalid()).isTrue();
    assertThat(r.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("azure-sdk:Model#1");
      assertThat(e.path()).isEqualTo("id");
      assertThat(e.message()).contains("no resource id", "AzureSdkScenario.Resource.of(id, model)");
    });
    String id = RG + "/providers/Microsoft.ContainerService/managedClusters/aks";
    ScenarioSources ok = AzureSdkScenario.ofResources("x", List.of(AzureSdkScenario.Resource.of(nsg(NSG, 100)),
        AzureSdkScenario.Resource.of(id, cluster()))).orElseThrow();
    Scenario s = ScenarioLoader.load(ok).orElseThrow();
    assertThat(s.aks()).hasValueSatisfying(c -> {
      assertThat(c.name()).isEqualTo("aks");
      assertThat(c.networkPlugin()).contains("kubenet");
      assertThat(c.agentPools()).extracting(p -> p.name() + "x" + p.count().orElse(0)).containsExactly("nodepool1x3");
    });
  }

  @Test
  void anIdGivenBesideMustBeTheOneTheObjectWrites() {
    String other = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-b";
    Validated<ScenarioSources> r = AzureSdkScenario.ofResources("x",
        List.of(AzureSdkScenario.Resource.of(other, nsg(NSG, 100))));
    assertThat(r.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("azure-sdk:" + other);
      assertThat(e.message()).contains("differs", NSG);
    });
  }

  private static JsonSerializable<?> writing(String json) {
    return new Raw(json);
  }

  /** A model whose toJson writes the given JSON, or throws when it is null. */
  private record Raw(String json) implements JsonSerializable<Raw> {
    @Override
    public JsonWriter toJson(JsonWriter w) throws IOException {
      if (json == null) {
        throw new IOException("cannot write this one");
      }
      return w.writeRawValue(json);
    }
  }

  @Test
  void everyBadObjectIsAnErrorNamingItAndNoneIsDropped() {
    Validated<ScenarioSources> r = AzureSdkScenario.of("x", java.util.Arrays.asList(writing(null), writing("[1]"),
        writing("{\"id\":\"not-an-arm-id\"}"), writing("{\"id\":7}"), nsg(NSG, 100), null));
    assertThat(r.getError()).extracting(ModelError::file).containsExactly("azure-sdk:Raw#0", "azure-sdk:Raw#1",
        "azure-sdk:not-an-arm-id", "azure-sdk:Raw#3", "azure-sdk:null#5");
    assertThat(r.getError().get(0).message()).contains("cannot be written as JSON", "cannot write this one");
    assertThat(r.getError().get(1).message()).contains("a JSON array, not a resource object");
    assertThat(r.getError().get(2).message()).contains("not an ARM resource id");
    assertThat(r.getError().get(3).message()).contains("expected a string resource id");
  }

  @Test
  void twoObjectsWithOneIdAreADuplicateTheLoaderRefuses() {
    ScenarioSources s = AzureSdkScenario.of("x", List.of(nsg(NSG, 100), nsg(NSG, 200))).orElseThrow();
    Validated<Scenario> r = ScenarioLoader.load(s);
    assertThat(r.isInvalid()).isTrue();
    assertThat(r.getError()).anySatisfy(e -> assertThat(e.file()).isEqualTo("azure-sdk:" + NSG));
  }

  @Test
  void armIdsNameTheirResourceAndType() {
    assertThat(ArmIds.type(NSG)).contains("Microsoft.Network/networkSecurityGroups");
    assertThat(ArmIds.name(NSG)).contains("nsg-a");
    assertThat(ArmIds.type(RG + "/providers/Microsoft.Network/virtualNetworks/v/subnets/s"))
        .contains("Microsoft.Network/virtualNetworks/subnets");
    String vmssNic = RG + "/providers/Microsoft.Compute/virtualMachineScaleSets/aks-np-vmss/virtualMachines/1"
        + "/networkInterfaces/aks-np-vmss";
    assertThat(ArmIds.type(vmssNic)).contains("Microsoft.Network/networkInterfaces");
    assertThat(ArmIds.type(vmssNic + "/ipConfigurations/ipconfig1"))
        .contains("Microsoft.Network/networkInterfaces/ipConfigurations");
    assertThat(ArmIds.type(RG + "/providers/Microsoft.Compute/virtualMachines/vm-1"))
        .contains("Microsoft.Compute/virtualMachines");
    assertThat(ArmIds.type("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"
        + "/providers/Microsoft.Insights/diagnosticSettings/d")).contains("Microsoft.Insights/diagnosticSettings");
    assertThat(ArmIds.type("nsg-a")).isEmpty();
    assertThat(ArmIds.type(RG + "/providers/Microsoft.Network/networkSecurityGroups")).isEmpty();
    assertThat(ArmIds.type(RG + "/providers/Microsoft.Network//x")).isEmpty();
    assertThat(Optional.of(ArmIds.name(NSG + "/"))).contains(Optional.of("nsg-a"));
  }
}
