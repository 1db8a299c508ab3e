package io.github.aksreach.k8s.aks;

import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.cluster.CloudProviderAzure;
import io.github.aksreach.k8s.cluster.LoadBalancing;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.KubernetesVersion;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.ProbeMode;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.LbProtocol;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LbSku;
import io.github.aksreach.nsg.model.LoadDistribution;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.nsg.model.ProbeProtocol;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What cloud-provider-azure derives from Services (DOMAIN.md section 3), on real manifests and the lab. */
class CloudProviderAzureTest {
  private static final CloudProviderAzure.Options MODERN =
      new CloudProviderAzure.Options(ProbeMode.SERVICE_NODE_PORT, Optional.of(KubernetesVersion.of(1, 29)), LbSku.STANDARD,
          CloudProviderAzure.AKS_SHARED_PROBE_PORT);

  private static Scenario scenario(KubernetesCluster c) {
    return new Scenario("test", AzureNetwork.empty(), c, Optional.empty(), ScenarioConfig.defaults(), List.of());
  }

  private static Node node(String name, String ip) {
    return Node.builder().name(name).addInternalIps(IpAddress.of(ip)).putLabels("agentpool", "pool1").build();
  }

  /** The ingress-nginx cloud manifest as the API server completes it: nodePorts, health check port, public IP. */
  private static KubernetesCluster ingressNginxCloud() {
    KubernetesCluster c = TestFiles.loadRealWorld("ingress-nginx-cloud-deploy.yaml").get().value();
    List<Service> services = new ArrayList<>();
    for (Service s : c.services()) {
      if (s.name().equals("ingress-nginx-controller")) {
        List<ServicePort> ports = new ArrayList<>();
        int np = 30080;
        for (ServicePort p : s.ports()) {
          ports.add(p.withNodePort(OptionalInt.of(np++)));
        }
        s = s.withPorts(ports).withHealthCheckNodePort(32000)
            .withLoadBalancerIngressIps(IpAddress.of("20.50.60.70"));
      }
      services.add(s);
    }
    return c.withServices(services).withNodes(node("n1", "10.240.0.4"), node("n2", "10.240.0.5"));
  }

  @Test
  void ingressNginxCloudManifestGetsLocalProbesAndAnInternetRule() {
    LoadBalancing lb = CloudProviderAzure.derive(scenario(ingressNginxCloud()), MODERN);
    assertThat(lb.rules()).hasSize(2).allSatisfy(r -> {
      assertThat(r.loadBalancerName()).isEqualTo("kubernetes");
      assertThat(r.internal()).isFalse();
      assertThat(r.floatingIp()).isTrue();
      assertThat(r.frontendIp()).isEqualTo(IpAddress.of("20.50.60.70"));
      assertThat(r.backendPort()).isEqualTo(r.frontendPort());
      assertThat(r.probe()).hasValueSatisfying(p -> assertThat(p.describe()).isEqualTo("Http 32000 /healthz"));
      assertThat(r.backends()).extracting(Node::name).containsExactly("n1", "n2");
    });
    assertThat(lb.rules()).extracting(LbRuleSpec::frontendPort).containsExactly(80, 443);
    assertThat(lb.rules().get(0).name()).endsWith("-TCP-80").startsWith("a");
    SecurityRule allow = lb.managedNsgRules().stream().filter(r -> r.access() == Access.ALLOW).findFirst()
        .orElseThrow();
    assertThat(lb.managedNsgRules()).hasSize(1);
    assertThat(allow.name()).startsWith("k8s-azure-lb_allow_IPv4_");
    assertThat(allow.priority().value()).isEqualTo(500);
    assertThat(allow.source()).isEqualTo(AddressSpec.tag("Internet"));
    assertThat(allow.destination()).isEqualTo(AddressSpec.prefixes(IpPrefix.of("20.50.60.70/32")));
    assertThat(allow.destinationPorts()).isEqualTo(PortSet.parse("80,443").get());
  }

  @Test
  void labClusterProbeUsesTheRequestPathAnnotationAndLocalUsesTheHealthCheckPort() {
    LoadBalancing cluster = CloudProviderAzure.derive(scenario(TestFiles.lab("step1-cluster-open")), MODERN);
    assertThat(cluster.rules()).singleElement().satisfies(r -> {
      assertThat(r.loadBalancerName()).isEqualTo("kubernetes-internal");
      assertThat(r.name()).contains("-ingress-TCP-80");
      assertThat(r.probe().orElseThrow().describe()).isEqualTo("Http 31880 /healthz");
      assertThat(r.backends()).hasSize(3);
    });
    assertThat(cluster.managedNsgRules()).as("internal LB without ranges gets no rule").isEmpty();
    LoadBalancing local = CloudProviderAzure.derive(scenario(TestFiles.lab("step6-local-pinned")), MODERN);
    assertThat(local.rules()).singleElement().satisfies(r ->
        assertThat(r.probe().orElseThrow().describe()).isEqualTo("Http 31049 /healthz"));
  }

  private static KubernetesCluster withController(KubernetesCluster c,
                                                   java.util.function.UnaryOperator<Service> change) {
    List<Service> services = new ArrayList<>();
    for (Service s : c.services()) {
      services.add(s.name().equals("ingress-nginx-controller") ? change.apply(s) : s);
    }
    return c.withServices(services);
  }

  @Test
  void appProtocolHttpWithoutRequestPathProbesSlashFrom124AndTcpBefore() {
    KubernetesCluster c = withController(TestFiles.lab("step1-cluster-open"), s -> {
      Map<String, String> a = new HashMap<>(s.annotations());
      a.remove("service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path");
      return s.withAnnotations(a);
    });
    assertThat(CloudProviderAzure.derive(scenario(c), MODERN).rules().get(0).probe().orElseThrow().describe())
        .isEqualTo("Http 31880 /");
    CloudProviderAzure.Options old = new CloudProviderAzure.Options(ProbeMode.SERVICE_NODE_PORT,
        Optional.of(KubernetesVersion.of(1, 23)), LbSku.STANDARD, CloudProviderAzure.AKS_SHARED_PROBE_PORT);
    Probe p = CloudProviderAzure.derive(scenario(c), old).rules().get(0).probe().orElseThrow();
    assertThat(p.protocol()).isEqualTo(ProbeProtocol.TCP);
    assertThat(p.describe()).isEqualTo("Tcp 31880");
    CloudProviderAzure.Options shared = new CloudProviderAzure.Options(ProbeMode.SHARED,
        Optional.of(KubernetesVersion.of(1, 29)), LbSku.STANDARD, CloudProviderAzure.AKS_SHARED_PROBE_PORT);
    assertThat(CloudProviderAzure.derive(scenario(c), shared).rules().get(0).probe().orElseThrow().describe())
        .isEqualTo("Http 10356 /healthz");
  }

  @Test
  void sourceRangesGiveARangeRuleAndTheDenyAllAnnotationADenyRule() {
    KubernetesCluster c = withController(TestFiles.lab("step1-cluster-open"), s -> {
      Map<String, String> a = new HashMap<>(s.annotations());
      a.put("service.beta.kubernetes.io/azure-deny-all-except-load-balancer-source-ranges", "true");
      return s.withLoadBalancerSourceRanges(IpPrefix.of("192.168.1.0/24")).withAnnotations(a);
    });
    List<SecurityRule> rules = CloudProviderAzure.derive(scenario(c), MODERN).managedNsgRules();
    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).access()).isEqualTo(Access.ALLOW);
    assertThat(rules.get(0).source()).isEqualTo(AddressSpec.prefixes(IpPrefix.of("192.168.1.0/24")));
    assertThat(rules.get(0).destination()).isEqualTo(AddressSpec.prefixes(IpPrefix.of("192.168.0.22/32")));
    assertThat(rules.get(1).access()).isEqualTo(Access.DENY);
    assertThat(rules.get(1).name()).isEqualTo("k8s-azure-lb_deny-all_IPv4");
    assertThat(rules.get(1).priority().value()).isEqualTo(4095);
  }

  @Test
  void disabledFloatingIpTargetsNodeIpsAndNodePorts() {
    KubernetesCluster c = withController(TestFiles.lab("step1-cluster-open"), s -> {
      Map<String, String> a = new HashMap<>(s.annotations());
      a.put("service.beta.kubernetes.io/azure-disable-load-balancer-floating-ip", "true");
      a.remove("service.beta.kubernetes.io/azure-load-balancer-internal");
      return s.withAnnotations(a);
    });
    LoadBalancing lb = CloudProviderAzure.derive(scenario(c), MODERN);
    assertThat(lb.rules().get(0).floatingIp()).isFalse();
    assertThat(lb.rules().get(0).backendPort()).isEqualTo(31880);
    SecurityRule allow = lb.managedNsgRules().get(0);
    assertThat(allow.destinationPorts()).isEqualTo(PortSet.of(31880));
    assertThat(allow.destination()).isEqualTo(AddressSpec.prefixes(IpPrefix.of("192.168.0.4/32"),
        IpPrefix.of("192.168.0.20/32"), IpPrefix.of("192.168.0.36/32")));
  }

  @Test
  void excludeLabelWithAnyValueAndToBeDeletedTaintLeaveTheBackendPool() {
    KubernetesCluster lab = TestFiles.lab("step1-cluster-open");
    List<Node> nodes = new ArrayList<>();
    for (Node n : lab.nodes()) {
      if (n.name().contains("user")) {
        n = n.withLabels(merge(n.labels(), "node.kubernetes.io/exclude-from-external-load-balancers", "false"));
      }
      if (n.name().contains("nodepool1")) {
        n = n.withTaints(io.github.aksreach.k8s.model.Taint.of("ToBeDeletedByClusterAutoscaler",
            io.github.aksreach.k8s.model.TaintEffect.NO_SCHEDULE));
      }
      nodes.add(n);
    }
    LoadBalancing lb = CloudProviderAzure.derive(scenario(lab.withNodes(nodes)), MODERN);
    assertThat(lb.rules().get(0).backends()).extracting(Node::name)
        .containsExactly("aks-ingress-41831646-vmss000000");
  }

  private static final String HA = "service.beta.kubernetes.io/azure-load-balancer-enable-high-availability-ports";

  /** The lab's internal ingress Service with a UDP port 53 besides TCP 80, and the HA-ports annotation. */
  private static KubernetesCluster labWithHaPorts(boolean internal) {
    return withController(TestFiles.lab("step1-cluster-open"), s -> {
      Map<String, String> a = new HashMap<>(s.annotations());
      a.put(HA, "true");
      if (!internal) {
        a.remove("service.beta.kubernetes.io/azure-load-balancer-internal");
      }
      List<ServicePort> ports = new ArrayList<>(s.ports());
      ports.add(ServicePort.builder().name("dns").port(53).protocol(io.github.aksreach.core.model.Protocol.UDP)
          .nodePort(31053).build());
      return s.withAnnotations(a).withPorts(ports);
    });
  }

  @Test
  void haPortsOnAnInternalStandardLbIsOneRuleForEveryPortAndProtocol() {
    LoadBalancing lb = CloudProviderAzure.derive(scenario(labWithHaPorts(true)), MODERN);
    assertThat(lb.rules()).singleElement().satisfies(r -> {
      assertThat(r.rule().protocol()).isEqualTo(LbProtocol.ALL);
      assertThat(r.rule().haPorts()).isTrue();
      assertThat(r.frontendPorts()).isEqualTo(PortSet.all());
      assertThat(r.protocols().contains(io.github.aksreach.core.model.Protocol.UDP)).isTrue();
      assertThat(r.floatingIp()).isTrue();
      assertThat(r.name()).as("named after the first port").endsWith("-ingress-TCP-80");
      assertThat(r.servicePort()).as("no single Service port").isEmpty();
      assertThat(r.probe().orElseThrow().describe()).as("the first port's probe").isEqualTo("Http 31880 /healthz");
      assertThat(r.probe().orElseThrow().name()).isEqualTo(r.name());
    });
    CloudProviderAzure.Options basic = new CloudProviderAzure.Options(ProbeMode.SERVICE_NODE_PORT,
        Optional.of(KubernetesVersion.of(1, 29)), LbSku.BASIC, CloudProviderAzure.AKS_SHARED_PROBE_PORT);
    assertThat(CloudProviderAzure.derive(scenario(labWithHaPorts(true)), basic).rules())
        .as("HA ports need a Standard LB: one rule per port").extracting(r -> r.rule().protocol())
        .containsExactly(LbProtocol.TCP, LbProtocol.UDP);
    assertThat(CloudProviderAzure.derive(scenario(labWithHaPorts(false)), MODERN).rules())
        .as("and an internal one").extracting(LbRuleSpec::frontendPort).containsExactly(80, 53);
  }

  @Test
  void derivedRulesAreAzureModelValuesOnTheirLoadBalancer() {
    LoadBalancing lb = CloudProviderAzure.derive(scenario(TestFiles.lab("step1-cluster-open")), MODERN);
    LbRuleSpec r = lb.rules().get(0);
    assertThat(lb.loadBalancers()).singleElement().isSameAs(r.balancer());
    io.github.aksreach.nsg.model.LoadBalancer b = r.balancer();
    assertThat(b.name()).isEqualTo("kubernetes-internal");
    assertThat(b.sku()).contains(LbSku.STANDARD);
    assertThat(b.rules()).containsExactly(r.rule());
    assertThat(b.frontend(r.rule().frontendId())).contains(r.frontend());
    assertThat(r.frontend().name()).as("prefix and subnet").endsWith("-ingress");
    assertThat(r.frontend().privateIp()).contains(IpAddress.of("192.168.0.22"));
    assertThat(b.probe(r.rule().probeId().orElseThrow())).isEqualTo(r.probe());
    assertThat(b.backendPool(r.rule().backendPoolIds().get(0)).orElseThrow().addresses())
        .hasSameSizeAs(r.backends());
    assertThat(r.rule().idleTimeoutInMinutes()).contains(4);
    assertThat(r.rule().enableTcpReset()).isTrue();
    assertThat(r.rule().loadDistribution()).isEqualTo(LoadDistribution.DEFAULT);
    assertThat(r.derived()).isTrue();

    KubernetesCluster sticky = withController(TestFiles.lab("step1-cluster-open"), s -> {
      Map<String, String> a = new HashMap<>(s.annotations());
      a.put("service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout", "30");
      a.put("service.beta.kubernetes.io/azure-load-balancer-health-probe-protocol", "https");
      a.remove("service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path");
      return s.withAnnotations(a).withSessionAffinity(io.github.aksreach.k8s.model.SessionAffinity.CLIENT_IP)
          .withPorts(s.ports().get(0).withAppProtocol(Optional.empty()));
    });
    LbRule rule = CloudProviderAzure.derive(scenario(sticky), MODERN).rules().get(0).rule();
    assertThat(rule.loadDistribution()).as("sessionAffinity ClientIP").isEqualTo(LoadDistribution.SOURCE_IP);
    assertThat(rule.idleTimeoutInMinutes()).contains(30);
    CloudProviderAzure.Options basic = new CloudProviderAzure.Options(ProbeMode.SERVICE_NODE_PORT,
        Optional.of(KubernetesVersion.of(1, 29)), LbSku.BASIC, CloudProviderAzure.AKS_SHARED_PROBE_PORT);
    LbRuleSpec onBasic = CloudProviderAzure.derive(scenario(sticky), basic).rules().get(0);
    assertThat(onBasic.probe().orElseThrow().describe()).as("Https on Basic: Tcp").isEqualTo("Tcp 31880");
    assertThat(onBasic.rule().enableTcpReset()).isFalse();
    assertThat(onBasic.sku()).isEqualTo(LbSku.BASIC);
    assertThat(CloudProviderAzure.derive(scenario(sticky), MODERN).rules().get(0).probe().orElseThrow().describe())
        .isEqualTo("Https 31880 /");
  }


  private static Map<String, String> merge(Map<String, String> m, String k, String v) {
    Map<String, String> out = new HashMap<>(m);
    out.put(k, v);
    return out;
  }
}
