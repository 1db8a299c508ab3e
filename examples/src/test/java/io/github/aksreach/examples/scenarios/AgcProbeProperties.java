package io.github.aksreach.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AgcBackendHealth;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.model.AgcNoHealthyBackends;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyPort;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.trace.AksHopKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Invariants of Application Gateway for Containers' health probes over variants of scenario {@code agc-health-probes}:
 * which ports app's NetworkPolicy admits from the association subnet (any subset of 8080, the traffic's and pod
 * f9653's readiness port, and 9090, pod k2m4q's readiness port) and option {@code agcNoHealthyBackends}.
 * <ul>
 *   <li>a pod's probe state is UP exactly when the policy admits its readiness port;</li>
 *   <li>no delivered path ends at a pod whose probe failed, unless none passed and the option is send-to-all;</li>
 *   <li>AGC answers a status (503 or 502, the option's) exactly when no endpoint passed and the option is not
 *   send-to-all.</li>
 * </ul>
 */
class AgcProbeProperties {
  private static final Scenario BASE = AgcScenarioTest.load("agc-health-probes", GatewayOptions.defaults()).network()
      .scenario();
  private static final IpAddress F9653 = IpAddress.of("10.10.1.30");
  private static final IpAddress K2M4Q = IpAddress.of("10.10.1.32");

  record Variant(boolean admits8080, boolean admits9090, AgcNoHealthyBackends option) {}

  /**
   * Every variant: the space is small (2 x 2 x 3), so all of it is checked rather than drawn, and the case of no
   * endpoint passing under each option is always met.
   */
  private static List<Variant> variants() {
    List<Variant> all = new ArrayList<>();
    for (boolean a8080 : List.of(false, true)) {
      for (boolean a9090 : List.of(false, true)) {
        for (AgcNoHealthyBackends o : AgcNoHealthyBackends.values()) {
          all.add(new Variant(a8080, a9090, o));
        }
      }
    }
    return all;
  }

  private static AksReachability of(Variant v) {
    List<NetworkPolicyPort> ports = new ArrayList<>();
    for (int p : List.of(8080, 9090)) {
      if ((p == 8080 && v.admits8080()) || (p == 9090 && v.admits9090())) {
        ports.add(NetworkPolicyPort.builder().port(PortRef.number(p)).build());
      }
    }
    if (ports.isEmpty()) {
      ports.add(NetworkPolicyPort.builder().port(PortRef.number(7)).build());   // admits neither
    }
    List<NetworkPolicy> policies = new ArrayList<>();
    for (NetworkPolicy np : BASE.kubernetes().networkPolicies()) {
      policies.add(!np.name().equals("app-from-agc") ? np
          : np.withIngress(np.ingress().stream().map(rule -> rule.withPorts(ports)).toList()));
    }
    Scenario s = new Scenario(BASE.name(), BASE.azure(), BASE.kubernetes().withNetworkPolicies(policies), BASE.aks(),
        BASE.config(), BASE.notes());
    return AksReachability.of(s, AksOptions.defaults().withGateway(GatewayOptions.defaults()
        .withAgcNoHealthyBackends(v.option())));
  }

  @Test
  void onlyEndpointsWhoseProbePassesGetTrafficAndAgcAnswersWhenNonePasses() {
    AtomicLong delivered = new AtomicLong();
    AtomicLong answered = new AtomicLong();
    AtomicLong sentAnyway = new AtomicLong();
    for (Variant v : variants()) {
      AksReachability a = of(v);
      List<AgcBackendHealth> h = a.agcHealth();
      Set<IpAddress> up = Set.copyOf(h.stream().filter(b -> b.service().equals("default/app")
          && b.state() == BackendHealth.State.UP).map(AgcBackendHealth::address).toList());
      assertThat(up.contains(F9653)).isEqualTo(v.admits8080());
      assertThat(up.contains(K2M4Q)).isEqualTo(v.admits9090());
      Verdict api = AgcScenarioTest.check(a, "203.0.113.7", "/api");
      boolean sendAnyway = up.isEmpty() && v.option() == AgcNoHealthyBackends.SEND_TO_ALL;
      for (PathResult p : api.paths()) {
        if (p.delivered()) {
          delivered.incrementAndGet();
          String to = p.deliveredTo().orElseThrow().toString();
          assertThat(sendAnyway || up.stream().anyMatch(ip -> to.contains(ip.toString()))).as(to).isTrue();
        }
        boolean status = p.drop().flatMap(d -> d.status().isPresent() ? java.util.Optional.of(d) : java.util
            .Optional.empty()).isPresent();
        if (status) {
          answered.incrementAndGet();
          assertThat(p.drop().orElseThrow().status()).hasValue(v.option().status());
        }
        if (sendAnyway) {
          // AGC sends to the failed endpoints: what stops the request is the pod's NetworkPolicy (the one that
          // refused the probe), not an answer of AGC's
          sentAnyway.incrementAndGet();
          assertThat(p.delivered() || p.drop().orElseThrow().kind() == AksHopKind.NETWORK_POLICY).as("%s", v).isTrue();
        }
        assertThat(status).as("%s", v).isEqualTo(up.isEmpty() && v.option() != AgcNoHealthyBackends.SEND_TO_ALL);
      }
    }
    assertThat(delivered.get()).isPositive();
    assertThat(answered.get()).isPositive();
    assertThat(sentAnyway.get()).as("send-to-all with no endpoint passing is met").isPositive();
  }
}
