package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.Intent;
import io.github.aksreach.k8s.model.IntentTarget;
import io.github.aksreach.k8s.model.KubernetesVersion;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.NetworkPolicyEngine;
import io.github.aksreach.k8s.model.NetworkPolicySource;
import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.ProbeMode;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioConfigLoaderTest {

  private static ScenarioConfig ok(String text) {
    Validation<Seq<ModelError>, Loaded<ScenarioConfig>> r = ScenarioConfigLoader.parse("scenario.yaml", text);
    assertThat(r.isValid()).as(r.isInvalid() ? r.getError().mkString("\n") : "").isTrue();
    return r.get().value();
  }

  private static List<String> errors(String text) {
    return ScenarioConfigLoader.parse("scenario.yaml", text).getError().map(ModelError::toString).toJavaList();
  }

  @Test
  void everyLabScenarioLoads() {
    for (String step : List.of("step1-cluster-open", "step2-cluster-allowlist", "step3-cluster-nsgs",
        "step4-cluster-nsgs-nodes", "step6-local-pinned", "step7-local-spread")) {
      ScenarioConfig c = ScenarioConfigLoader.loadFromDirectory(TestFiles.labDir(step)).get().value();
      assertThat(c.networkPlugin()).contains(NetworkPlugin.KUBENET);
      assertThat(c.clusterNsg()).contains("aks-agentpool-41831646-nsg");
      assertThat(c.kubernetesVersion()).contains(KubernetesVersion.of(1, 24));
      Intent i = c.intent("weather-api").orElseThrow();
      assertThat(i.target()).isEqualTo(IntentTarget.address(IpAddress.of("192.168.0.22"), 80, Protocol.TCP));
      assertThat(i.host()).contains("demoapi.eyskens.corp");
      assertThat(i.path()).contains("/weatherforecast");
      assertThat(i.allow()).containsExactly(IpPrefix.of("192.168.1.4/32"));
      assertThat(i.denyEveryoneElse()).isTrue();
    }
  }

  @Test
  void everyKeyIsTyped() {
    ScenarioConfig c = ok(String.join("\n",
        "cluster:",
        "  networkPlugin: azure-overlay",
        "  clusterNsg: aks-agentpool-1-nsg",
        "  probeMode: shared",
        "  kubernetesVersion: \"1.30\"",
        "  networkPolicy: cilium",
        "loadBalancer:",
        "  noHealthyBackendsBehavior: AllProbedUp",
        "  deriveFromServices: false",
        "assumptions:",
        "  networkPolicySeesSource: post-snat",
        "intents:",
        "  - name: svc",
        "    service: ingress/ingress-nginx-controller",
        "    port: http",
        "    allow: [\"*\"]",
        "  - name: udp",
        "    to: \"[2001:db8::1]:53/udp\"",
        "    deny: [10.0.0.0/8, 192.168.1.4]",
        ""));
    assertThat(c.networkPlugin()).contains(NetworkPlugin.AZURE_OVERLAY);
    assertThat(c.clusterNsg()).contains("aks-agentpool-1-nsg");
    assertThat(c.probeMode()).contains(ProbeMode.SHARED);
    assertThat(c.kubernetesVersion()).contains(KubernetesVersion.of(1, 30));
    assertThat(c.networkPolicy()).contains(NetworkPolicyEngine.CILIUM);
    assertThat(c.noHealthyBackendsBehavior()).contains(NoHealthyBackendsBehavior.ALL_PROBED_UP);
    assertThat(c.deriveFromServices()).contains(false);
    assertThat(c.networkPolicySeesSource()).contains(NetworkPolicySource.POST_SNAT);
    assertThat(c.intents().get(0).target())
        .isEqualTo(IntentTarget.service("ingress", "ingress-nginx-controller", PortRef.name("http")));
    assertThat(c.intents().get(0).allowEveryone()).isTrue();
    assertThat(c.intents().get(1).target())
        .isEqualTo(IntentTarget.address(IpAddress.of("2001:db8::1"), 53, Protocol.UDP));
    assertThat(c.intents().get(1).deny()).containsExactly(IpPrefix.of("10.0.0.0/8"), IpPrefix.of("192.168.1.4/32"));
  }

  @Test
  void defaultsFollowTheContract(@TempDir Path dir) {
    Loaded<ScenarioConfig> l = ScenarioConfigLoader.loadFromDirectory(dir).get();
    ScenarioConfig c = l.value();
    assertThat(l.notes()).singleElement().matches(n -> n.message().contains("no scenario.yaml"));
    assertThat(c.networkPlugin()).isEmpty();
    assertThat(c.networkPluginOrDefault()).isEqualTo(NetworkPlugin.KUBENET);
    assertThat(c.probeModeOrDefault()).isEqualTo(ProbeMode.SERVICE_NODE_PORT);
    assertThat(c.noHealthyBackendsBehavior()).as("the dumped probe's, else AllProbedDown: LoadBalancerResolver")
        .isEmpty();
    assertThat(c.networkPolicyOrDefault()).isEqualTo(NetworkPolicyEngine.NONE);
    assertThat(c.networkPolicySeesSourceOrDefault()).isEqualTo(NetworkPolicySource.PRE_SNAT);
    assertThat(c.deriveFromServicesOrDefault(false)).isTrue();
    assertThat(c.deriveFromServicesOrDefault(true)).isFalse();
    assertThat(ok("").intents()).isEmpty();
    assertThat(ok("# only comments\n")).isEqualTo(ScenarioConfig.defaults());
  }

  @Test
  void errorsNameTheKeyPath() {
    assertThat(errors(String.join("\n",
        "cluster:",
        "  networkPlugin: kubnet",
        "  networkPolcy: azure",
        "  kubernetesVersion: 1.30",
        "  probeMode: 3",
        "loadBalancer:",
        "  deriveFromServices: \"yes\"",
        "assumptions: [pre-snat]",
        "intents:",
        "  - name: a",
        "    to: 192.168.0.22",
        "  - name: a",
        "    to: 192.168.0.22:80/icmp",
        "  - service: ingress",
        "    allow: [10.0.0.0/33]",
        "  - name: both",
        "    to: 10.0.0.1:80",
        "    service: a/b",
        "  - name: overlap",
        "    to: 10.0.0.1:80",
        "    allow: [10.0.0.0/8]",
        "    deny: [10.1.0.0/16]",
        ""))).containsExactly(
        "scenario.yaml: cluster.networkPolcy: unknown key 'networkPolcy': expected one of [clusterNsg, "
            + "kubernetesVersion, networkPlugin, networkPolicy, probeMode]",
        "scenario.yaml: cluster.networkPlugin: invalid network plugin 'kubnet': expected kubenet, azure or "
            + "azure-overlay",
        "scenario.yaml: cluster.probeMode: expected a string, found '3'",
        "scenario.yaml: cluster.kubernetesVersion: '1.3' must be a quoted string such as \"1.29\" (YAML reads 1.30 "
            + "as the number 1.3)",
        "scenario.yaml: loadBalancer.deriveFromServices: expected true or false, found the string 'yes'",
        "scenario.yaml: assumptions: expected a mapping, found a list",
        "scenario.yaml: intents[0].to: invalid target '192.168.0.22': a port is required: expected ip:port, such as "
            + "192.168.0.22:80/tcp",
        "scenario.yaml: intents[1].name: duplicate intent name 'a': also at intents[0].name",
        "scenario.yaml: intents[1].to: invalid target '192.168.0.22:80/icmp': protocol 'icmp' is not tcp, udp or "
            + "sctp",
        "scenario.yaml: intents[2].name: missing intent name",
        "scenario.yaml: intents[2].port: missing port of service ingress",
        "scenario.yaml: intents[2].service: service 'ingress' must be namespace/name",
        "scenario.yaml: intents[2].allow[0]: invalid prefix '10.0.0.0/33': length 33 is out of range 0-32 for IPv4",
        "scenario.yaml: intents[3]: set either 'to' or 'service' (with 'port'), not both",
        "scenario.yaml: intents[4].deny: addresses [10.1.0.0/16] are both allowed and denied");
    assertThat(errors("cluster: [\n")).singleElement().asString().startsWith("scenario.yaml: line ");
    assertThat(errors("- a\n")).singleElement().asString().contains("expected a mapping of cluster");
  }

  /**
   * Issue 12: the hostPort assumptions ({@code HostPortOptions}) are booleans under {@code assumptions}; absent, the
   * option's; a wrong type or a misspelt key is refused with its path.
   */
  @Test
  void hostPortAssumptionsAreTypedBooleans() {
    ScenarioConfig c = ok("assumptions:\n  hostPortServed: false\n  hostPortKeepsClientSource: true\n");
    assertThat(c.hostPortServed()).contains(false);
    assertThat(c.hostPortKeepsClientSource()).contains(true);
    assertThat(ok("").hostPortServed()).isEmpty();
    assertThat(ok("").hostPortKeepsClientSource()).isEmpty();
    assertThat(errors("assumptions:\n  hostPortServed: \"no\"\n  hostPortKeepsClientSource: 1\n  hostPort: x\n"))
        .containsExactly(
            "scenario.yaml: assumptions.hostPort: unknown key 'hostPort': expected one of "
                + "[agcNoHealthyBackends, hostPortKeepsClientSource, hostPortServed, networkPolicySeesSource]",
            "scenario.yaml: assumptions.hostPortServed: expected true or false, found the string 'no'",
            "scenario.yaml: assumptions.hostPortKeepsClientSource: expected true or false, found '1'");
  }

  /** Issue 12: the ranges routed into the VNet, default the private ranges; bad entries name their path. */
  @Test
  void routedIntoVnetIsAListOfCidrsWithThePrivateRangesAsDefault() {
    ScenarioConfig none = ok("cluster:\n  networkPlugin: azure\n");
    assertThat(none.routedIntoVnet()).isEmpty();
    assertThat(none.routedIntoVnetOrDefault()).isEqualTo(ScenarioConfig.DEFAULT_ROUTED_INTO_VNET);
    ScenarioConfig some = ok("network:\n  routedIntoVnet: [192.168.50.0/24, 172.31.0.0/16]\n");
    assertThat(some.routedIntoVnetOrDefault()).extracting(Object::toString)
        .containsExactly("192.168.50.0/24", "172.31.0.0/16");
    assertThat(ok("network:\n  routedIntoVnet: []\n").routedIntoVnetOrDefault()).isEmpty();
    assertThat(errors("network:\n  routedIntoVnet: [192.168.50.0/33]\n")).singleElement().asString()
        .startsWith("scenario.yaml: network.routedIntoVnet[0]");
    assertThat(errors("network:\n  routedIntoVnet: 10.0.0.0/8\n")).singleElement().asString()
        .contains("expected a list of CIDRs");
    assertThat(errors("network:\n  routed: []\n")).singleElement().asString().contains("unknown key 'routed'");
  }
}
