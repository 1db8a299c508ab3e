package io.github.aksreach.k8s.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.github.aksreach.nsg.model.AksCluster;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.BackendPool;
import io.github.aksreach.nsg.model.Frontend;
import io.github.aksreach.nsg.model.LbProtocol;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LbSku;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.nsg.model.ProbeProtocol;
import io.github.aksreach.nsg.model.ResourceId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** scenario.yaml > dump > default for every load-balancer setting, and dumped rules over derived duplicates. */
class LoadBalancerResolverTest {
  private static final KubernetesCluster LAB = TestFiles.lab("step1-cluster-open");
  private static final ResourceId LB = ResourceId.of(
      "/subscriptions/s/resourceGroups/mc/providers/Microsoft.Network/loadBalancers/kubernetes-internal");

  /** A dumped kubernetes-internal on the lab's ingress frontend 192.168.0.22, every lab node in its pool. */
  private static LoadBalancer dumped(Optional<LbSku> sku, LbProtocol protocol, int port,
                                     NoHealthyBackendsBehavior behaviour) {
    ResourceId fe = LB.child("frontendIPConfigurations", "fe");
    ResourceId pool = LB.child("backendAddressPools", "kubernetes");
    ResourceId probe = LB.child("probes", "p");
    return LoadBalancer.builder().id(LB).sku(sku)
        .addFrontends(Frontend.builder().name("fe").id(fe).privateIp(IpAddress.of("192.168.0.22")).build())
        .addBackendPools(BackendPool.builder().name("kubernetes").id(pool)
            .addAllAddresses(LAB.nodes().stream().flatMap(n -> n.internalIps().stream()).toList()).build())
        .addProbes(Probe.builder().name("p").id(probe).protocol(ProbeProtocol.TCP).port(31880)
            .noHealthyBackendsBehavior(behaviour).build())
        .addRules(LbRule.builder().name("dumped").id(LB.child("loadBalancingRules", "dumped")).frontendId(fe)
            .addBackendPoolIds(pool).protocol(protocol).frontendPort(port).backendPort(port).enableFloatingIp(true)
            .probeId(probe).build())
        .build();
  }

  private static Scenario scenario(LoadBalancer lb, ScenarioConfig config, Optional<LbSku> aksSku) {
    Optional<AksCluster> aks = aksSku.map(s -> AksCluster.builder().name("aks").loadBalancerSku(s).build());
    return new Scenario("test", AzureNetwork.builder().addLoadBalancers(lb).build(), LAB, aks, config, List.of());
  }

  private static final ScenarioConfig DERIVE = ScenarioConfig.builder().deriveFromServices(true).build();

  @Test
  void aDumpedRuleWinsOverTheDerivedOneForTheSameFrontendPortAndProtocol() {
    Scenario s = scenario(dumped(Optional.empty(), LbProtocol.TCP, 80, NoHealthyBackendsBehavior.ALL_PROBED_DOWN),
        DERIVE, Optional.empty());
    LoadBalancing lb = LoadBalancerResolver.resolve(s, CloudProviderAzure.Options.from(s));
    assertThat(lb.rules()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("dumped");
      assertThat(r.derived()).isFalse();
      assertThat(r.service()).as("bound to the Service of its frontend").hasValueSatisfying(svc ->
          assertThat(svc.name()).isEqualTo("ingress-nginx-controller"));
      assertThat(r.servicePort().orElseThrow().port()).isEqualTo(80);
      assertThat(r.backends()).extracting(Node::name).hasSize(LAB.nodes().size());
    });
  }

  @Test
  void aDumpedHaPortsRuleCoversEveryDerivedRuleOfItsFrontendButNotOtherPorts() {
    Scenario ha = scenario(dumped(Optional.empty(), LbProtocol.ALL, 0, NoHealthyBackendsBehavior.ALL_PROBED_DOWN),
        DERIVE, Optional.empty());
    assertThat(LoadBalancerResolver.resolve(ha, CloudProviderAzure.Options.from(ha)).rules())
        .extracting(LbRuleSpec::name).containsExactly("dumped");
    Scenario other = scenario(dumped(Optional.empty(), LbProtocol.TCP, 443, NoHealthyBackendsBehavior.ALL_PROBED_DOWN),
        DERIVE, Optional.empty());
    List<LbRuleSpec> rules = LoadBalancerResolver.resolve(other, CloudProviderAzure.Options.from(other)).rules();
    assertThat(rules).extracting(LbRuleSpec::frontendPort).containsExactly(443, 80);
    assertThat(rules).extracting(LbRuleSpec::derived).containsExactly(false, true);
    Scenario udp = scenario(dumped(Optional.empty(), LbProtocol.UDP, 80, NoHealthyBackendsBehavior.ALL_PROBED_DOWN),
        DERIVE, Optional.empty());
    assertThat(LoadBalancerResolver.resolve(udp, CloudProviderAzure.Options.from(udp)).rules())
        .as("UDP 80 does not cover TCP 80").hasSize(2);
  }

  @Test
  void noHealthyBackendsBehaviourIsScenarioYamlThenTheDumpedProbeThenAllProbedDown() {
    Scenario dumpSays = scenario(dumped(Optional.empty(), LbProtocol.TCP, 80, NoHealthyBackendsBehavior.ALL_PROBED_UP),
        ScenarioConfig.defaults(), Optional.empty());
    assertThat(only(dumpSays).noHealthyBackendsBehavior()).isEqualTo(NoHealthyBackendsBehavior.ALL_PROBED_UP);
    Scenario yamlSays = scenario(dumped(Optional.empty(), LbProtocol.TCP, 80, NoHealthyBackendsBehavior.ALL_PROBED_UP),
        ScenarioConfig.builder().noHealthyBackendsBehavior(NoHealthyBackendsBehavior.ALL_PROBED_DOWN).build(),
        Optional.empty());
    assertThat(only(yamlSays).noHealthyBackendsBehavior()).isEqualTo(NoHealthyBackendsBehavior.ALL_PROBED_DOWN);
    assertThat(only(yamlSays).probe().orElseThrow().noHealthyBackendsBehavior())
        .as("the resolved value is in the probe itself").isEqualTo(NoHealthyBackendsBehavior.ALL_PROBED_DOWN);
    Scenario derivedOnly = new Scenario("test", AzureNetwork.empty(), LAB, Optional.empty(), ScenarioConfig.builder()
        .noHealthyBackendsBehavior(NoHealthyBackendsBehavior.ALL_PROBED_UP).build(), List.of());
    assertThat(only(derivedOnly).noHealthyBackendsBehavior()).as("derived probes too")
        .isEqualTo(NoHealthyBackendsBehavior.ALL_PROBED_UP);
    Scenario silent = new Scenario("test", AzureNetwork.empty(), LAB, Optional.empty(), ScenarioConfig.defaults(),
        List.of());
    assertThat(only(silent).noHealthyBackendsBehavior()).as("neither scenario.yaml nor a dump: the default")
        .isEqualTo(NoHealthyBackendsBehavior.ALL_PROBED_DOWN);
  }

  @Test
  void skuIsTheDumpedLoadBalancersThenAzAksShowThenStandard() {
    LoadBalancer basic = dumped(Optional.of(LbSku.BASIC), LbProtocol.TCP, 80, NoHealthyBackendsBehavior.ALL_PROBED_DOWN);
    LoadBalancer none = dumped(Optional.empty(), LbProtocol.TCP, 80, NoHealthyBackendsBehavior.ALL_PROBED_DOWN);
    assertThat(only(scenario(basic, ScenarioConfig.defaults(), Optional.of(LbSku.STANDARD))).sku())
        .isEqualTo(LbSku.BASIC);
    assertThat(only(scenario(none, ScenarioConfig.defaults(), Optional.of(LbSku.BASIC))).sku()).isEqualTo(LbSku.BASIC);
    LbRuleSpec standard = only(scenario(none, ScenarioConfig.defaults(), Optional.empty()));
    assertThat(standard.sku()).isEqualTo(LbSku.STANDARD);
    assertThat(standard.balancer().sku()).as("resolved on the load balancer value").contains(LbSku.STANDARD);
    assertThat(standard.secureByDefault()).as("internal frontend").isFalse();
  }

  private static LbRuleSpec only(Scenario s) {
    List<LbRuleSpec> rules = LoadBalancerResolver.resolve(s, CloudProviderAzure.Options.from(s)).rules();
    assertThat(rules).hasSize(1);
    return rules.get(0);
  }
}
