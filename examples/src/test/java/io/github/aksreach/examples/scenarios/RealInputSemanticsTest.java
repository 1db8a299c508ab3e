package io.github.aksreach.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.ManifestAssumptions;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.PodOrigin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's semantics on its corpus scenarios, through the library (the CLI runs of the same scenarios are in their
 * {@code expect.yaml}): undeclared pod ports, hostNetwork pod ports, pods on nodes the dump lacks, Internet sources,
 * and what manifests lack; with properties over every port and protocol and over source addresses.
 */
class RealInputSemanticsTest {
  private static final ConcurrentHashMap<String, AksReachability> LOADED = new ConcurrentHashMap<>();

  private static AksReachability load(String name) {
    return LOADED.computeIfAbsent(name, n -> {
      try {
        Path dir = Path.of(RealInputSemanticsTest.class.getResource("/scenarios/" + n).toURI());
        var loaded = AksReachability.load(dir);
        assertThat(loaded.isValid()).as("%s", loaded).isTrue();
        return loaded.get();
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static PathResult only(Verdict v) {
    assertThat(v.paths()).hasSize(1);
    return v.paths().get(0);
  }

  private static List<String> warnings(AksReachability a) {
    List<String> out = new ArrayList<>();
    for (ModelError e : a.network().scenario().notes()) {
      if (e.message().startsWith("WARNING: ")) {
        out.add(e.toString());
      }
    }
    return out;
  }

  /**
   * Every port and protocol with ports reaches the pod's address (containerPort is informational), and the delivery
   * says "no container declares this port" exactly when no container declares that number with that protocol.
   */
  @Test
  void everyPortOfAPodAddressIsDeliveredAndTheDeclaredOnesAreNamed() {
    AksReachability a = load("pod-undeclared-port");
    Set<String> declared = Set.of("8080/TCP", "3868/SCTP");
    AtomicLong undeclared = new AtomicLong();
    AtomicLong named = new AtomicLong();
    List<Protocol> protocols = List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
    qt().withFixedSeed(0x12_0001L).withExamples(300)
        .forAll(integers().between(1, 65535), integers().between(0, 2), integers().between(0, 3))
        .checkAssert((port, pi, pick) -> {
          int p = pick == 0 ? 8080 : pick == 1 ? 3868 : port;   // the declared numbers often, under every protocol
          Protocol proto = protocols.get(pi);
          Flow f = Flow.of(proto, IpAddress.of("10.10.9.4"), 50000, IpAddress.of("10.10.1.20"), p);
          Verdict v = a.check(f).verdict();
          assertThat(v.kind()).as("%s", f).isEqualTo(Verdict.Kind.ALWAYS);
          PodOrigin to = (PodOrigin) only(v).deliveredTo().orElseThrow();
          boolean isDeclared = declared.contains(p + "/" + proto.name());
          assertThat(to.role()).as("%s", f).isEqualTo(isDeclared ? PodOrigin.Role.APPLICATION
              : PodOrigin.Role.UNDECLARED_PORT);
          assertThat(to.label().contains("delivered; no container declares this port")).isEqualTo(!isDeclared);
          (isDeclared ? named : undeclared).incrementAndGet();
        });
    assertThat(named.get()).isGreaterThan(20);
    assertThat(undeclared.get()).isGreaterThan(100);
  }

  @Test
  void aHostNetworkPodServesItsDeclaredPortOnItsNodeWithoutNetworkPolicy() {
    AksReachability a = load("hostnetwork-pod-port");
    PathResult p = only(a.check(Flow.tcp("10.10.9.4:50000", "10.10.1.4:9100")).verdict());
    assertThat(p.delivered()).isTrue();
    PodOrigin to = (PodOrigin) p.deliveredTo().orElseThrow();
    assertThat(to.pod().orElseThrow().toString()).isEqualTo("monitoring/node-exporter-7xk2p");
    assertThat(to.address()).contains(IpAddress.of("10.10.1.4"));
    assertThat(p.hops()).noneMatch(h -> h.kind() == AksHopKind.NETWORK_POLICY);
    // the node's other ports, and the port over UDP, stay unserved
    for (Flow f : List.of(Flow.tcp("10.10.9.4:50000", "10.10.1.4:9101"),
        Flow.of(Protocol.UDP, IpAddress.of("10.10.9.4"), 50000, IpAddress.of("10.10.1.4"), 9100))) {
      PathResult d = only(a.check(f).verdict());
      assertThat(d.drop().orElseThrow().kind()).as("%s", f).isEqualTo(AksHopKind.KUBE_PROXY);
    }
  }

  @Test
  void aPodOnAnAbsentNodeIsRoutedUnderAzureCniAndNamedUnderKubenet() {
    AksReachability azure = load("pod-on-absent-node-azure-cni");
    assertThat(azure.network().absentNodes()).extracting(n -> n.name())
        .containsExactly("aks-nodepool1-12345678-vmss000009");
    PathResult p = only(azure.check(Flow.tcp("10.10.1.30:50000", "10.10.1.40:8080")).verdict());
    assertThat(p.delivered()).isTrue();
    assertThat(p.hops().stream().filter(h -> h.kind() == AksHopKind.NETWORK_POLICY)).hasSize(2);   // egress, ingress
    assertThat(warnings(azure)).anyMatch(w -> w.contains("pod default/web-5d8f7c9b6-x2x7q runs on node "
        + "aks-nodepool1-12345678-vmss000009, which is not in the dump") && w.contains("under Azure CNI"));
    // the absent node is never a load-balancer backend
    assertThat(azure.network().loadBalancing().rules()).allSatisfy(r -> assertThat(r.toString())
        .doesNotContain("vmss000009"));

    AksReachability kubenet = load("pod-on-absent-node-kubenet");
    PathResult d = only(kubenet.check(Flow.tcp("10.244.1.30:50000", "10.244.9.10:8080")).verdict());
    assertThat(d.drop().orElseThrow().kind()).isEqualTo(AksHopKind.NO_ROUTE);
    assertThat(d.drop().get().reason()).contains("aks-nodepool1-12345678-vmss000009", "not in the dump");
    assertThat(warnings(kubenet)).anyMatch(w -> w.contains("under kubenet") && w.contains("10.244.9.10"));
  }

  /**
   * A source outside the VNet, its peerings and {@code network.routedIntoVnet} (here 192.168.50.0/24) reaches no private
   * address (NO_ROUTE at Azure routing); a source inside them is never dropped as an Internet source; the public
   * frontend is reached by the Internet ones.
   */
  @Test
  void internetSourcesReachOnlyPublicFrontends() {
    AksReachability a = load("internet-source-public-only");
    List<String> privateDsts = List.of("10.10.1.4:30080", "10.244.0.10:8080", "10.10.1.101:80", "10.0.12.34:80");
    AtomicLong internet = new AtomicLong();
    AtomicLong routed = new AtomicLong();
    qt().withFixedSeed(0x12_0002L).withExamples(200)
        .forAll(integers().between(0, 255), integers().between(0, 255), integers().between(0, 3),
            integers().between(0, 3))
        .checkAssert((x, y, kind, d) -> {
          String src = kind == 0 ? "203.0.113." + x : kind == 1 ? "192.168." + y + "." + x
              : kind == 2 ? "10.10.9." + x : (11 + x % 200) + "." + y + ".7.9";
          boolean fromInternet = kind == 3 || kind == 0 || (kind == 1 && y != 50);
          PathResult p = a.check(Flow.tcp(src + ":50000", privateDsts.get(d))).verdict().paths().get(0);
          boolean internetDrop = p.drop().map(dr -> dr.rule().map(r -> r.name().equals("source on the Internet"))
              .orElse(false)).orElse(false);
          assertThat(internetDrop).as("%s -> %s", src, privateDsts.get(d)).isEqualTo(fromInternet);
          if (fromInternet) {
            assertThat(p.drop().get().kind()).isEqualTo(AksHopKind.NO_ROUTE);
            Verdict pub = a.check(Flow.tcp(src + ":50000", "20.90.1.10:80")).verdict();
            assertThat(pub.kind()).as("%s -> public frontend", src).isEqualTo(Verdict.Kind.ALWAYS);
          }
          (fromInternet ? internet : routed).incrementAndGet();
        });
    assertThat(internet.get()).isGreaterThan(50);
    assertThat(routed.get()).isGreaterThan(30);
  }

  /**
   * {@code network.routedIntoVnet} is in the VirtualNetwork tag (DOMAIN.md 1.3): every on-premises address of
   * 192.168.50.0/24 passes DenyInternetToWeb (150, Internet) and is admitted by AllowVnetToWeb (200, VirtualNetwork) to
   * the pod, on 8080 only; every address of 192.168.60.0/24 (not declared) is not routed in.
   */
  @Test
  void routedIntoVnetRangesAreInTheVirtualNetworkTag() {
    AksReachability a = load("nsg-vnet-tag-routed-into-vnet");
    var tag = a.network().resolver(a.network().azure().subnetContaining(IpAddress.of("10.10.1.4"))).virtualNetwork();
    assertThat(tag.contains(IpAddress.of("192.168.50.255"))).isTrue();
    assertThat(tag.contains(IpAddress.of("192.168.60.1"))).isFalse();
    assertThat(tag.contains(IpAddress.of("10.10.9.4"))).isTrue();
    qt().withFixedSeed(0x12_0005L).withExamples(120)
        .forAll(integers().between(0, 255), integers().between(0, 1), integers().between(0, 1))
        .checkAssert((x, declared, webPort) -> {
          String src = (declared == 1 ? "192.168.50." : "192.168.60.") + x + ":40000";
          String dst = webPort == 1 ? "10.10.1.20:8080" : "10.10.1.20:8443";
          Verdict v = a.check(Flow.tcp(src, dst)).verdict();
          PathResult p = only(v);
          if (declared == 0) {
            assertThat(p.drop().orElseThrow().kind()).as(src).isEqualTo(AksHopKind.NO_ROUTE);
          } else if (webPort == 1) {
            assertThat(v.kind()).as(src).isEqualTo(Verdict.Kind.ALWAYS);
            assertThat(p.hops()).filteredOn(h -> h.kind() == io.github.aksreach.nsg.eval.NsgHopKind.NSG)
                .singleElement().satisfies(h -> assertThat(h.rule().orElseThrow().name()).isEqualTo("AllowVnetToWeb"));
          } else {
            assertThat(p.drop().orElseThrow().rule().orElseThrow().name()).as(src).isEqualTo("DenyAllInBound");
            assertThat(p.drop().get().rule().get().priority().getAsInt()).isEqualTo(4096);
          }
        });
  }

  @Test
  void manifestsGetTheApiServersPortsAndWarnings() {
    AksReachability a = load("manifest-etp-local-no-health-port");
    Service web = a.network().kubernetes().service("default", "web").orElseThrow();
    assertThat(web.healthCheckNodePort()).hasValue(30001);
    assertThat(web.ports()).extracting(ServicePort::nodePort).allSatisfy(p -> assertThat(p).hasValue(30000));
    assertThat(warnings(a)).anyMatch(w -> w.startsWith("k8s/cluster.yaml: items[") && w.contains("healthCheckNodePort 30001"));

    AksReachability noAddress = load("manifest-lb-no-address");
    assertThat(noAddress.network().loadBalancing().rules()).isEmpty();
    assertThat(warnings(noAddress)).anyMatch(w -> w.contains("has no address yet") && w.contains("assumed"));

    AksReachability k8sOnly = load("manifest-kubernetes-only");
    assertThat(warnings(k8sOnly)).anyMatch(w -> w.startsWith("azure/: WARNING: no Azure network was given"));
    // a dumped scenario with its agent-pool NSG gets none of these warnings
    assertThat(warnings(load("etp-local-no-snat"))).isEmpty();
  }

  /** Derived node ports: in the node-port range, distinct, and never one a Service already uses. */
  @Test
  void derivedNodePortsAreFreeDistinctAndInRange() {
    qt().withFixedSeed(0x12_0003L).withExamples(60)
        .forAll(integers().between(0, 6), integers().between(0, 6), integers().between(30000, 30010))
        .checkAssert((given, missing, firstGiven) -> {
          List<Service> services = new ArrayList<>();
          for (int i = 0; i < given + missing; i++) {
            ServicePort.Builder p = ServicePort.builder().name("p").port(80).targetPort(
                io.github.aksreach.k8s.model.PortRef.number(8080));
            if (i < given) {
              p.nodePort(firstGiven + 2 * i);
            }
            services.add(Service.builder().namespace("default").name("s" + i)
                .type(io.github.aksreach.k8s.model.ServiceType.LOAD_BALANCER)
                .externalTrafficPolicy(io.github.aksreach.k8s.model.TrafficPolicy.LOCAL)
                .addPorts(p.build()).build());
          }
          var k8s = io.github.aksreach.k8s.model.KubernetesCluster.empty().withServices(services);
          var s = new io.github.aksreach.k8s.cluster.Scenario("t", io.github.aksreach.nsg.model.AzureNetwork.empty(),
              k8s, java.util.Optional.empty(), io.github.aksreach.k8s.model.ScenarioConfig.defaults(), List.of());
          var out = ManifestAssumptions.apply(s).kubernetes().services();
          Set<Integer> seen = new HashSet<>();
          for (int i = 0; i < out.size(); i++) {
            Service svc = out.get(i);
            int np = svc.ports().get(0).nodePort().orElseThrow();
            int hc = svc.healthCheckNodePort().orElseThrow();
            if (i < given) {
              assertThat(np).isEqualTo(firstGiven + 2 * i);   // a given port is never changed
            }
            for (int port : List.of(np, hc)) {
              assertThat(port).isBetween(ManifestAssumptions.NODE_PORT_MIN, ManifestAssumptions.NODE_PORT_MAX);
              assertThat(seen.add(port)).as("port %d used twice in %s", port, out).isTrue();
            }
          }
        });
  }
}
