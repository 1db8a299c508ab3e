package io.github.aksreach.k8s.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Protocol;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelTest {

  @Test
  void nodePoolComesFromEitherLabel() {
    Node legacy = Node.builder().name("n").putLabels("agentpool", "ingress").build();
    Node aks = Node.builder().name("n").putLabels("kubernetes.azure.com/agentpool", "user").build();
    assertThat(legacy.pool()).contains("ingress");
    assertThat(aks.pool()).contains("user");
    assertThat(Node.builder().name("n").build().pool()).isEmpty();
  }

  @Test
  void nodeAddressesBridgeAndLoadBalancerFlags() {
    Node n = Node.builder().name("aks-ingress-41831646-vmss000000")
        .addInternalIps(IpAddress.of("192.168.0.20")).addPodCidrs(IpPrefix.of("10.244.2.0/24"))
        .putLabels(Node.LABEL_EXCLUDE_FROM_EXTERNAL_LB, "")
        .addTaints(Taint.of(Node.TAINT_TO_BE_DELETED, TaintEffect.NO_SCHEDULE))
        .putLabels(Node.LABEL_AKS_MANAGED, "false")
        .build();
    assertThat(n.primaryInternalIp()).contains(IpAddress.of("192.168.0.20"));
    assertThat(n.bridgeAddress(IpFamily.V4)).contains(IpAddress.of("10.244.2.1"));
    assertThat(n.bridgeAddress(IpFamily.V6)).isEmpty();
    assertThat(n.podCidrsContain(IpAddress.of("10.244.2.77"))).isTrue();
    assertThat(n.excludedFromExternalLoadBalancersLabel()).contains("");
    assertThat(n.toBeDeletedByClusterAutoscaler()).isTrue();
    assertThat(n.unmanaged()).isTrue();
    assertThat(n.ready()).as("builder default").isTrue();
  }

  @Test
  void podResolvesNamedPortsByNameAndProtocol() {
    Pod p = Pod.builder().namespace("ingress").name("nginx")
        .addContainers(Container.builder().name("controller")
            .addPorts(ContainerPort.of("http", 80, Protocol.TCP), ContainerPort.of("dns", 53, Protocol.UDP))
            .build())
        .build();
    assertThat(p.namedPort("http", Protocol.TCP)).isEqualTo(OptionalInt.of(80));
    assertThat(p.namedPort("http", Protocol.UDP)).isEmpty();
    assertThat(p.namedPort("dns", Protocol.UDP)).isEqualTo(OptionalInt.of(53));
    assertThat(p.resolve(PortRef.number(8080), Protocol.TCP)).isEqualTo(OptionalInt.of(8080));
    assertThat(p.resolve(PortRef.name("https"), Protocol.TCP)).isEmpty();
    assertThat(p.isLive()).isTrue();
    assertThat(p.withPhase(PodPhase.SUCCEEDED).isLive()).isFalse();
  }

  @Test
  void portRefParsesNumbersAndIanaNames() {
    assertThat(PortRef.parse("8080").get()).isEqualTo(PortRef.number(8080));
    assertThat(PortRef.parse("websecure").get()).isEqualTo(PortRef.name("websecure"));
    assertThat(PortRef.parse("70000").getError().message()).contains("out of range");
    assertThat(PortRef.parse("Web_Secure").getError().message()).contains("neither a port number nor a port name");
    assertThat(PortRef.isValidPortName("a-very-long-port-name")).isFalse();
    assertThat(PortRef.isValidPortName("h2")).isTrue();
  }

  @Test
  void servicePortDefaultsTargetPortToPort() {
    ServicePort p = ServicePort.builder().port(8080).build();
    assertThat(p.targetPort()).isEqualTo(PortRef.number(8080));
    assertThat(p.protocol()).isEqualTo(Protocol.TCP);
    assertThat(p.displayName()).isEqualTo("8080");
    assertThatThrownBy(() -> ServicePort.builder().port(0).build()).isInstanceOf(InvalidModelException.class);
  }

  @Test
  void serviceFrontendPrefersStatusThenSpecThenAnnotation() {
    Service.Builder b = Service.builder().namespace("ingress").name("lb").type(ServiceType.LOAD_BALANCER);
    Service annotated = b.putAnnotations(AzureServiceAnnotations.LOAD_BALANCER_IPV4, "10.1.0.9").build();
    assertThat(annotated.frontendIps()).containsExactly(IpAddress.of("10.1.0.9"));
    Service spec = annotated.withLoadBalancerIp(IpAddress.of("192.168.0.22"));
    assertThat(spec.frontendIps()).containsExactly(IpAddress.of("192.168.0.22"));
    Service status = spec.withLoadBalancerIngressIps(IpAddress.of("192.168.0.23"));
    assertThat(status.frontendIps()).containsExactly(IpAddress.of("192.168.0.23"));
    assertThat(status.needsHealthCheckNodePort()).isFalse();
    assertThat(status.withExternalTrafficPolicy(TrafficPolicy.LOCAL).needsHealthCheckNodePort()).isTrue();
  }

  @Test
  void serviceSelectsAndFindsPorts() {
    Service s = Service.builder().namespace("default").name("simpleapi")
        .addPorts(ServicePort.builder().name("http").port(8080).nodePort(31880).build())
        .putSelector("app", "simpleapi").build();
    assertThat(s.selects(Map.of("app", "simpleapi", "x", "y"))).isTrue();
    assertThat(s.selects(Map.of("app", "other"))).isFalse();
    assertThat(Service.builder().namespace("d").name("n").build().selects(Map.of())).isFalse();
    assertThat(s.port("http")).isPresent();
    assertThat(s.port(PortRef.number(8080))).isPresent();
    assertThat(s.port(8080, Protocol.UDP)).isEmpty();
    assertThat(s.portByNodePort(31880)).isPresent();
    assertThat(s.families()).containsExactly(IpFamily.V4);
  }

  @Test
  void namespaceGetsItsNameLabel() {
    Namespace ns = Namespace.builder().name("ingress").putLabels("team", "x").build();
    assertThat(ns.labels()).containsEntry(Namespace.NAME_LABEL, "ingress").containsEntry("team", "x");
    Namespace explicit = Namespace.builder().name("a").putLabels(Namespace.NAME_LABEL, "a").build();
    assertThat(explicit.labels()).hasSize(1);
  }

  @Test
  void networkPolicyTypesDefaultLikeTheApiServer() {
    NetworkPolicy ingressOnly = NetworkPolicy.builder().namespace("d").name("p").build();
    assertThat(ingressOnly.policyTypes()).isEqualTo(Set.of(PolicyType.INGRESS));
    NetworkPolicy withEgress = ingressOnly.withEgress(NetworkPolicyRule.builder().build());
    assertThat(withEgress.policyTypes()).isEqualTo(Set.of(PolicyType.INGRESS, PolicyType.EGRESS));
    NetworkPolicy egressOnly = ingressOnly.withDeclaredPolicyTypes(PolicyType.EGRESS);
    assertThat(egressOnly.policyTypes()).isEqualTo(Set.of(PolicyType.EGRESS));
  }

  @Test
  void networkPolicyStructuralChecks() {
    assertThatThrownBy(() -> IpBlock.builder().cidr(IpPrefix.of("10.0.0.0/16")).addExcept(IpPrefix.of("10.1.0.0/24"))
        .build()).isInstanceOf(InvalidModelException.class).hasMessageContaining("not inside");
    assertThatThrownBy(() -> NetworkPolicyPeer.builder().build()).isInstanceOf(InvalidModelException.class);
    assertThatThrownBy(() -> NetworkPolicyPeer.builder().ipBlock(IpBlock.builder().cidr(IpPrefix.of("10.0.0.0/8"))
        .build()).podSelector(LabelSelector.everything()).build()).isInstanceOf(InvalidModelException.class);
    assertThatThrownBy(() -> NetworkPolicyPort.builder().port(PortRef.name("http")).endPort(90).build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("numeric port");
    assertThatThrownBy(() -> NetworkPolicyPort.builder().port(PortRef.number(90)).endPort(80).build())
        .isInstanceOf(InvalidModelException.class);
    IpBlock b = IpBlock.builder().cidr(IpPrefix.of("172.17.0.0/16")).addExcept(IpPrefix.of("172.17.1.0/24")).build();
    assertThat(b.toIpSet().contains(IpAddress.of("172.17.1.9"))).isFalse();
    assertThat(b.toIpSet().contains(IpAddress.of("172.17.2.9"))).isTrue();
  }

  @Test
  void ingressClassFromAnnotationWinsOverSpec() {
    Ingress i = Ingress.builder().namespace("d").name("i").ingressClassName("nginx")
        .putAnnotations(Ingress.CLASS_ANNOTATION, "internal").build();
    assertThat(i.className()).contains("internal");
    assertThat(i.withAnnotations(Map.of()).className()).contains("nginx");
    assertThatThrownBy(() -> IngressBackend.builder().build()).isInstanceOf(InvalidModelException.class);
  }

  @Test
  void versionsAndPluginsParse() {
    assertThat(KubernetesVersion.parse("v1.24.6").get()).isEqualTo(KubernetesVersion.of(1, 24));
    assertThat(KubernetesVersion.parse("1.29").get().isAtLeast(1, 24)).isTrue();
    assertThat(KubernetesVersion.parse("1.23").get().isAtLeast(1, 24)).isFalse();
    assertThat(KubernetesVersion.parse("latest").isInvalid()).isTrue();
    assertThat(NetworkPlugin.parse("azure-overlay").get()).isEqualTo(NetworkPlugin.AZURE_OVERLAY);
    assertThat(NetworkPlugin.fromAks("azure", Optional.of("overlay")).get()).isEqualTo(NetworkPlugin.AZURE_OVERLAY);
    assertThat(NetworkPlugin.fromAks("azure", Optional.empty()).get()).isEqualTo(NetworkPlugin.AZURE);
    assertThat(NetworkPlugin.fromAks("none", Optional.empty()).isInvalid()).isTrue();
  }

  @Test
  void intentsComputeTheirSourceSets() {
    Intent i = Intent.builder().name("weather-api")
        .target(IntentTarget.address(IpAddress.of("192.168.0.22"), 80, Protocol.TCP))
        .addAllow(IpPrefix.of("192.168.1.4/32")).denyEveryoneElse(true).build();
    assertThat(i.allowSet().contains(IpAddress.of("192.168.1.4"))).isTrue();
    assertThat(i.denySet().contains(IpAddress.of("192.168.1.4"))).isFalse();
    assertThat(i.denySet().contains(IpAddress.of("192.168.1.5"))).isTrue();
    assertThat(i.target().toString()).isEqualTo("192.168.0.22:80/tcp");
  }
}
