package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.IngressBackend;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.LabelSelector;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyPeer;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.PathType;
import io.github.aksreach.k8s.model.PolicyType;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.SelectorOperator;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceType;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.model.Workload;
import io.github.aksreach.k8s.model.WorkloadKind;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Kubernetes file of {@code shared/realworld} loads, or is rejected precisely. */
class RealWorldFilesTest {

  private static Loaded<KubernetesCluster> ok(String name) {
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = TestFiles.loadRealWorld(name);
    assertThat(r.isValid()).as("%s: %s", name, r.isInvalid() ? r.getError().mkString("; ") : "").isTrue();
    return r.get();
  }

  @Test
  void traefikServiceWithPlaceholderLoadBalancerIpIsRejectedNamingValueAndPath() {
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = TestFiles.loadRealWorld("aks-baseline-traefik.yaml");
    assertThat(r.isInvalid()).isTrue();
    assertThat(r.getError()).hasSize(1);
    ModelError e = r.getError().head();
    assertThat(e.file()).isEqualTo("aks-baseline-traefik.yaml");
    assertThat(e.path()).isEqualTo("doc[4].spec.loadBalancerIP");
    assertThat(e.message()).contains("'<ingress-controller-ilb-ipv4-address>'")
        .contains("Service a0008/traefik-ingress-service").contains("line 169");
    assertThat(e.toString()).startsWith("aks-baseline-traefik.yaml: doc[4].spec.loadBalancerIP: invalid IPv4 address");
  }

  @Test
  void traefikFileLoadsOnceThePlaceholderIsFilledIn() {
    String fixed = TestFiles.readRealWorld("aks-baseline-traefik.yaml")
        .replace("<ingress-controller-ilb-ipv4-address>", "10.240.4.4");
    Loaded<KubernetesCluster> l = KubernetesLoader.create().loadString("traefik.yaml", fixed).get();
    Service svc = l.value().service("a0008", "traefik-ingress-service").orElseThrow();
    assertThat(svc.type()).isEqualTo(ServiceType.LOAD_BALANCER);
    assertThat(svc.externalTrafficPolicy()).isEqualTo(TrafficPolicy.LOCAL);
    assertThat(svc.azure().internal()).isTrue();
    assertThat(svc.azure().internalSubnet()).contains("snet-clusteringressservices");
    assertThat(svc.frontendIps()).containsExactly(IpAddress.of("10.240.4.4"));
    assertThat(svc.ports().get(0).targetPort()).isEqualTo(PortRef.name("websecure"));
    Workload w = l.value().workloads().get(0);
    assertThat(w.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
    assertThat(w.template().nodeSelector()).containsEntry("agentpool", "npuser01");
    assertThat(w.template().containers().get(0).ports()).hasSize(3);
    assertThat(l.notes()).anyMatch(n -> n.message().contains("skipped ServiceAccount"))
        .anyMatch(n -> n.message().contains("skipped ClusterRole "));
  }

  @Test
  void aksBaselineWorkloadWithIngressAndNetworkPolicyLoadsDespiteEmptyDocuments() {
    Loaded<KubernetesCluster> l = ok("aks-baseline-workload-ingress-netpol.yaml");
    KubernetesCluster c = l.value();
    assertThat(c.counts()).containsEntry("Service", 1).containsEntry("Ingress", 1).containsEntry("IngressClass", 1)
        .containsEntry("NetworkPolicy", 1).containsEntry("Workload", 1);
    Service svc = c.service("a0008", "aspnetapp-service").orElseThrow();
    assertThat(svc.type()).isEqualTo(ServiceType.CLUSTER_IP);
    assertThat(svc.ports().get(0).protocol()).isEqualTo(Protocol.TCP);
    assertThat(svc.ports().get(0).targetPort()).isEqualTo(PortRef.number(8080));
    var ing = c.ingress("a0008", "aspnetapp-ingress").orElseThrow();
    assertThat(ing.className()).contains("traefik-internal");
    assertThat(ing.rules().get(0).host()).contains("bu0001a0008-00.aks-ingress.contoso.com");
    assertThat(ing.rules().get(0).paths().get(0).pathType()).isEqualTo(PathType.PREFIX);
    assertThat(ing.rules().get(0).paths().get(0).backend())
        .isEqualTo(IngressBackend.service("aspnetapp-service", PortRef.number(80)));
    assertThat(ing.tls().get(0).hosts()).containsExactly("bu0001a0008-00.aks-ingress.contoso.com");
    assertThat(c.ingressClass("traefik-internal").orElseThrow().controller()).isEqualTo("traefik.io/ingress-controller");
    NetworkPolicy np = c.networkPolicy("a0008", "allow-only-ingress-to-workload").orElseThrow();
    assertThat(np.policyTypes()).isEqualTo(Set.of(PolicyType.INGRESS));
    NetworkPolicyPeer peer = np.ingress().get(0).peers().get(0);
    assertThat(peer.namespaceSelector()).contains(LabelSelector.everything());
    assertThat(peer.podSelector().orElseThrow().matchLabels())
        .containsEntry("app.kubernetes.io/name", "traefik-ingress-ilb");
    assertThat(np.ingress().get(0).ports()).isEmpty();
    assertThat(l.notes()).anyMatch(n -> n.message().contains("skipped PodDisruptionBudget"));
    assertThat(l.warnings()).isEmpty();
  }

  @Test
  void ingressNginxCloudManifestLoads() {
    Loaded<KubernetesCluster> l = ok("ingress-nginx-cloud-deploy.yaml");
    KubernetesCluster c = l.value();
    Service svc = c.service("ingress-nginx", "ingress-nginx-controller").orElseThrow();
    assertThat(svc.type()).isEqualTo(ServiceType.LOAD_BALANCER);
    assertThat(svc.externalTrafficPolicy()).isEqualTo(TrafficPolicy.LOCAL);
    assertThat(svc.ports()).extracting(p -> p.targetPort().toString()).containsExactly("http", "https");
    assertThat(svc.ports()).extracting(p -> p.appProtocol().orElse("")).containsExactly("http", "https");
    assertThat(svc.ports().get(0).nodePort()).isEmpty();
    assertThat(c.configMap("ingress-nginx", "ingress-nginx-controller").orElseThrow().data())
        .as("data: null reads as empty").isEmpty();
    assertThat(c.namespace("ingress-nginx")).isPresent();
    assertThat(c.ingressClass("nginx").orElseThrow().controller()).isEqualTo("k8s.io/ingress-nginx");
    Workload w = c.workloads().get(0);
    assertThat(w.name()).isEqualTo("ingress-nginx-controller");
    assertThat(w.template().containers().get(0).args()).contains("/nginx-ingress-controller");
    assertThat(l.notes()).filteredOn(n -> n.message().startsWith("skipped")).hasSize(13);
    assertThat(l.warnings()).isEmpty();
  }

  @Test
  void popeyeNodesWithNullSpecLoadWithWarnings() {
    Loaded<KubernetesCluster> l = ok("popeye-node-list.yaml");
    KubernetesCluster c = l.value();
    assertThat(c.nodes()).extracting(Node::name).containsExactly("n1", "n2", "n3", "n4", "n5");
    Node n1 = c.node("n1").orElseThrow();
    assertThat(n1.podCidrs()).containsExactly(IpPrefix.of("10.244.0.0/24"));
    assertThat(n1.internalIps()).containsExactly(IpAddress.of("192.168.228.3"));
    assertThat(n1.hostname()).contains("dashb-control-plane");
    assertThat(n1.excludedFromExternalLoadBalancersLabel()).contains("");
    assertThat(n1.ready()).isTrue();
    assertThat(n1.kubeletVersion()).contains("v1.21.1");
    Node n2 = c.node("n2").orElseThrow();
    assertThat(n2.taints()).singleElement().matches(t -> t.key().equals("t2") && t.value().isEmpty());
    assertThat(n2.conditions()).containsEntry("NetworkUnavailable", "True");
    assertThat(c.node("n3").orElseThrow().podCidrs()).isEmpty();
    assertThat(c.node("n3").orElseThrow().ready()).isTrue();
    assertThat(c.node("n4").orElseThrow().unschedulable()).isTrue();
    assertThat(c.node("n4").orElseThrow().ready()).isFalse();
    assertThat(c.node("n5").orElseThrow().ready()).isFalse();
    assertThat(l.warnings()).extracting(LoadNote::toString).containsExactly(
        "WARNING popeye-node-list.yaml: items[2].spec: spec is null: no pod CIDRs, taints or provider ID (Node n3)",
        "WARNING popeye-node-list.yaml: items[2].status.addresses: no InternalIP address: the node cannot be "
            + "placed on the network (Node n3)",
        "WARNING popeye-node-list.yaml: items[3].status.addresses: no InternalIP address: the node cannot be "
            + "placed on the network (Node n4)",
        "WARNING popeye-node-list.yaml: items[4].spec: spec is null: no pod CIDRs, taints or provider ID (Node n5)",
        "WARNING popeye-node-list.yaml: items[4].status.addresses: no InternalIP address: the node cannot be "
            + "placed on the network (Node n5)",
        "WARNING popeye-node-list.yaml: items[4].status.conditions: no Ready condition: the node is treated as not "
            + "ready (Node n5)");
  }

  @Test
  void popeyeNetworkPolicyListLoadsWithIpBlocksAndSelectors() {
    Loaded<KubernetesCluster> l = ok("popeye-networkpolicy-list.yaml");
    KubernetesCluster c = l.value();
    assertThat(c.networkPolicies()).extracting(NetworkPolicy::name).containsExactly("np1", "np2", "np3");
    NetworkPolicy np1 = c.networkPolicy("default", "np1").orElseThrow();
    assertThat(np1.policyTypes()).isEqualTo(Set.of(PolicyType.INGRESS, PolicyType.EGRESS));
    NetworkPolicyPeer block = np1.ingress().get(0).peers().get(0);
    assertThat(block.ipBlock().orElseThrow().cidr()).isEqualTo(IpPrefix.of("172.1.0.0/16"));
    assertThat(block.ipBlock().orElseThrow().except()).containsExactly(IpPrefix.of("172.1.0.0/24"));
    NetworkPolicyPeer both = np1.ingress().get(0).peers().get(1);
    assertThat(both.namespaceSelector()).isPresent();
    assertThat(both.podSelector()).isPresent();
    NetworkPolicy np2 = c.networkPolicy("default", "np2").orElseThrow();
    assertThat(np2.declaredPolicyTypes()).isEmpty();
    assertThat(np2.policyTypes()).as("egress rules present: Egress defaulted in")
        .isEqualTo(Set.of(PolicyType.INGRESS, PolicyType.EGRESS));
    assertThat(np2.podSelector().isEmpty()).isTrue();
    NetworkPolicy np3 = c.networkPolicy("default", "np3").orElseThrow();
    assertThat(np3.ingress().get(0).peers().get(1).namespaceSelector().orElseThrow().matchExpressions())
        .singleElement().matches(r -> r.operator() == SelectorOperator.IN && r.values().equals(List.of("ns-bozo")));
    assertThat(np3.egress().get(0).peers()).hasSize(3);
    assertThat(l.warnings()).isEmpty();
  }

  @Test
  void popeyeServiceListLoadsAndNotesItsInconsistencies() {
    Loaded<KubernetesCluster> l = ok("popeye-service-list.yaml");
    KubernetesCluster c = l.value();
    assertThat(c.services()).extracting(Service::type).containsExactly(ServiceType.NODE_PORT,
        ServiceType.CLUSTER_IP, ServiceType.EXTERNAL_NAME, ServiceType.LOAD_BALANCER, ServiceType.CLUSTER_IP);
    Service svc1 = c.service("default", "svc1").orElseThrow();
    assertThat(svc1.externalTrafficPolicy()).isEqualTo(TrafficPolicy.LOCAL);
    assertThat(svc1.ports().get(0).nodePort()).hasValue(30400);
    Service svc4 = c.service("default", "svc4").orElseThrow();
    assertThat(svc4.loadBalancerIngressIps()).isEmpty();
    assertThat(svc4.frontendIps()).isEmpty();
    assertThat(l.warnings()).extracting(LoadNote::message)
        .anyMatch(m -> m.contains("ExternalName Service has no cluster IP"))
        .filteredOn(m -> m.contains("both claim cluster IP 10.96.12.148")).hasSize(3);
  }

  @Test
  void k9sNetworkPolicyJsonLoads() {
    Loaded<KubernetesCluster> l = ok("k9s-networkpolicy-ipblock.json");
    NetworkPolicy fred = l.value().networkPolicy("default", "fred").orElseThrow();
    assertThat(fred.podSelector().matchLabels()).isEqualTo(Map.of("app", "nginx"));
    NetworkPolicyPeer block = fred.ingress().get(0).peers().get(0);
    assertThat(block.ipBlock().orElseThrow().except()).containsExactly(IpPrefix.of("172.17.1.0/24"),
        IpPrefix.of("172.17.3.0/24"), IpPrefix.of("172.17.4.0/24"));
    assertThat(fred.ingress().get(0).peers()).hasSize(3);
    assertThat(fred.ingress().get(0).ports()).singleElement()
        .matches(p -> p.port().orElseThrow().equals(PortRef.number(6379)) && p.protocol() == Protocol.TCP);
    assertThat(fred.egress().get(0).peers().get(0).ipBlock().orElseThrow().cidr())
        .isEqualTo(IpPrefix.of("10.0.0.0/24"));
    assertThat(fred.annotations()).containsKey("kubectl.kubernetes.io/last-applied-configuration");
  }

  @Test
  void testCopiesAreByteForByteTheSharedOriginals() throws IOException {
    Path shared = TestFiles.moduleDir().resolve("../../shared/realworld").normalize();
    Path sharedAbs = Path.of("/work/shared/realworld");
    Path origin = Files.isDirectory(shared) ? shared : sharedAbs;
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(origin), "shared/realworld not present");
    try (Stream<Path> s = Files.list(TestFiles.realWorld(""))) {
      for (Path copy : s.filter(p -> !p.getFileName().toString().equals("README.md")).toList()) {
        Path o = origin.resolve(copy.getFileName());
        assertThat(Files.mismatch(copy, o)).as(copy.getFileName().toString()).isEqualTo(-1L);
      }
    }
  }
}
