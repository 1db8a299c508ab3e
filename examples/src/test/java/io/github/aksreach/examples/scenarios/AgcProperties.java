package io.github.aksreach.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.ServiceType;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.trace.AksHopKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Invariants of Application Gateway for Containers (DOMAIN-GATEWAY A4.22, A4.24, S5.16) over variants of scenario
 * {@code agc-association-subnet}: the backend Services' type (ClusterIP or NodePort) and externalTrafficPolicy, and
 * clients drawn from the partner range, the rest of the Internet, the VNet and the platform address.
 * <ul>
 *   <li>AGC sends to pod addresses, never through kube-proxy: no verdict depends on the backend Services' type or
 *   externalTrafficPolicy;</li>
 *   <li>the association subnet's NSG decides on the client: {@code /api} is ALWAYS exactly for the sources its rules
 *   admit (203.0.113.0/24, and 168.63.129.16 by the default AzureLoadBalancer rule), NEVER for all others;</li>
 *   <li>every delivered path arrives at the pod, and passes its NetworkPolicy, from the proxy's address 10.10.5.4,
 *   so app-v2 (whose policy names the clients' range) is NEVER for every client.</li>
 * </ul>
 */
class AgcProperties {
  private static final Scenario BASE = AgcScenarioTest.load("agc-association-subnet",
      io.github.aksreach.k8s.gateway.GatewayOptions.defaults()).network().scenario();
  private static final IpSet ADMITTED = IpSet.parse("203.0.113.0/24").get().union(IpSet.of(IpAddress.of("168.63.129.16")));
  private static final IpAddress PROXY = IpAddress.of("10.10.5.4");

  /** A variant: the Services' type and policy, a client. */
  record Variant(boolean nodePort, boolean local, IpAddress client) {}

  private static Gen<Variant> variants() {
    return in -> {
      io.github.aksreach.k8s.K8sGens.R r = new io.github.aksreach.k8s.K8sGens.R(in);
      IpAddress client = switch (r.between(0, 3)) {
        case 0 -> IpAddress.v4(0xCB007100L + r.between(0, 255));        // 203.0.113.x
        case 1 -> IpAddress.v4(0xC6336400L + r.between(0, 255));        // 198.51.100.x
        case 2 -> IpAddress.v4(0x0A0A0900L + r.between(1, 254));        // 10.10.9.x (VNet)
        default -> IpAddress.of("168.63.129.16");
      };
      return new Variant(r.oneIn(2), r.oneIn(2), client);
    };
  }

  static AksReachability of(boolean nodePort, boolean local) {
    KubernetesCluster k = BASE.kubernetes();
    List<Service> svcs = new ArrayList<>();
    int np = 30080;
    for (Service s : k.services()) {
      Service t = s.withExternalTrafficPolicy(local ? TrafficPolicy.LOCAL : TrafficPolicy.CLUSTER);
      if (nodePort) {
        List<ServicePort> ports = new ArrayList<>();
        for (ServicePort p : s.ports()) {
          ports.add(p.withNodePort(np++));
        }
        t = t.withType(ServiceType.NODE_PORT).withPorts(ports);
      }
      svcs.add(t);
    }
    return AksReachability.of(new Scenario(BASE.name(), BASE.azure(), k.withServices(svcs), BASE.aks(), BASE.config(),
        BASE.notes()), AksOptions.defaults());
  }

  private static final AksReachability[][] VARIANTS = {{of(false, false), of(false, true)},
      {of(true, false), of(true, true)}};

  @Test
  void agcVerdictsFollowTheAssociationNsgAndNeverTheServicesPolicy() {
    AtomicLong delivered = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    qt().withExamples(120).forAll(variants()).checkAssert(v -> {
      AksReachability a = VARIANTS[v.nodePort() ? 1 : 0][v.local() ? 1 : 0];
      Verdict api = AgcScenarioTest.check(a, v.client().toString(), "/api");
      Verdict reference = AgcScenarioTest.check(VARIANTS[0][0], v.client().toString(), "/api");
      assertThat(api.kind()).as("independent of type and externalTrafficPolicy").isEqualTo(reference.kind());
      assertThat(api.kind()).isEqualTo(ADMITTED.contains(v.client()) ? Verdict.Kind.ALWAYS : Verdict.Kind.NEVER);
      Flow f = Flow.tcp(v.client() + ":50000", "20.61.10.5:80");
      for (PathResult p : api.paths()) {
        if (p.delivered()) {
          delivered.incrementAndGet();
          for (Hop h : p.hops()) {
            if (h.kind() == AksHopKind.POD || h.kind() == AksHopKind.NETWORK_POLICY) {
              assertThat(h.seen(f).srcIp()).isEqualTo(PROXY);
            }
            assertThat(h.kind()).isNotIn(AksHopKind.KUBE_PROXY, AksHopKind.LOAD_BALANCER);
          }
        } else {
          refused.incrementAndGet();
        }
      }
      assertThat(AgcScenarioTest.check(a, v.client().toString(), "/v2").kind()).isEqualTo(Verdict.Kind.NEVER);
    });
    // non-vacuity: both outcomes were drawn
    assertThat(delivered.get()).isGreaterThan(10);
    assertThat(refused.get()).isGreaterThan(10);
  }
}
