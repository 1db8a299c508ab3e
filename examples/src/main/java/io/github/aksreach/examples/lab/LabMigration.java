package io.github.aksreach.examples.lab;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.gateway.IstioDataPlane;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.GatewayOrigin;
import io.github.aksreach.core.model.Flow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The lab migrated off ingress-nginx (issue 11): the article's cluster with the Ingress and its
 * {@code whitelist-source-range} moved to an Istio Gateway, an HTTPRoute and an AuthorizationPolicy {@code ipBlocks}
 * allow-list. Step 8 keeps the generated Service's default externalTrafficPolicy Cluster and the allow-list refuses
 * the client; step 9 adds the documented overlay (Local) and the allow-list works.
 *
 * <pre>{@code
 * Lab.Observation o = LabMigration.step8();
 * o.verdict();       // Optional[NEVER]: 403 at the gateway on every path
 * o.reproduced();    // true
 * }</pre>
 */
public final class LabMigration {
  /** The client address the allow-list names. */
  static final IpAddress CLIENT = IpAddress.of("192.168.1.4");

  private LabMigration() {}

  /** The source.ip the gateway's AuthorizationPolicy checked on a path (the source its proxy hop saw), if reached. */
  static Optional<IpAddress> gatewaySaw(PathResult p, Flow f) {
    for (Hop h : p.hops()) {
      if (h.origin() instanceof GatewayOrigin g && g.stage() == GatewayOrigin.Stage.PROXY) {
        return Optional.of(h.seen(f).srcIp());
      }
    }
    return Optional.empty();
  }

  private static Optional<BigDecimal> fraction(Verdict v) {
    return Optional.of(CheckReport.rounded(v.deliveredFraction()));
  }

  /** The generated Service's externalTrafficPolicy, as the analysis placed it. */
  private static String service(AksReachability a) {
    return a.network().gateways().gateways().stream().map(g -> "generated Service " + g.dataPlane().service().key()
        + " (" + g.dataPlane().serviceOrigin().name().toLowerCase(java.util.Locale.ROOT) + " from Gateway "
        + g.gateway().key() + "): externalTrafficPolicy " + g.dataPlane().service().externalTrafficPolicy())
        .findFirst().orElse("no gateway Service");
  }

  /** Step 8: Istio Gateway, ETP Cluster, ipBlocks allow-list: 403 on every path. */
  public static Lab.Observation step8() {
    Scenario s = Lab.scenario("step8-istio-cluster-allowlist");
    AksReachability a = AksReachability.of(s, AksOptions.defaults());
    Verdict v = a.check(Lab.CLIENT_FLOW).verdict();
    List<String> details = new ArrayList<>();
    details.add(service(a));
    boolean all403 = !v.paths().isEmpty();
    Set<IpAddress> seen = new LinkedHashSet<>();
    for (PathResult p : v.paths()) {
      Optional<DropInfo> d = p.drop();
      boolean is403 = d.isPresent() && d.get().kind() == AksHopKind.INGRESS && d.get().status().orElse(0) == 403;
      all403 &= is403;
      Optional<IpAddress> saw = gatewaySaw(p, Lab.CLIENT_FLOW);
      saw.ifPresent(seen::add);
      details.add("via " + Lab.backend(p) + ": the gateway's AuthorizationPolicy checked source.ip "
          + saw.map(Object::toString).orElse("?") + " against ipBlocks 192.168.1.4/32 -> "
          + (is403 ? "403, before routing" : "not 403"));
    }
    Verdict appRouting = onAppRouting(s).check(Lab.CLIENT_FLOW).verdict();
    details.add("the same objects on the app routing add-on's class approuting-istio: " + appRouting.kind()
        + " (" + CheckReport.rounded(appRouting.deliveredFraction()) + "): it supports no Istio CRDs, the "
        + "AuthorizationPolicy is not enforced and every client is admitted (DOMAIN-GATEWAY A4.28)");
    boolean ok = v.kind() == Verdict.Kind.NEVER && all403 && !seen.contains(CLIENT)
        && seen.equals(Set.of(IpAddress.of("10.244.2.1"), IpAddress.of("192.168.0.4"), IpAddress.of("192.168.0.36")))
        && appRouting.kind() == Verdict.Kind.ALWAYS;
    return new Lab.Observation(8, "migrated to an Istio Gateway (class istio), ipBlocks allow-list, default ETP "
        + "Cluster", "step8-istio-cluster-allowlist", "expected from DOMAIN-GATEWAY 5.2: the generated Service keeps "
        + "externalTrafficPolicy Cluster, the gateway sees node addresses, the allow-list refuses the client VM with "
        + "403", Optional.of(v.kind()), fraction(v), details, ok);
  }

  /** The scenario with every Gateway moved to the app routing add-on's class. */
  private static AksReachability onAppRouting(Scenario s) {
    List<Gateway> moved = s.kubernetes().gateways().stream()
        .map(g -> g.withGatewayClassName(IstioDataPlane.APP_ROUTING_CLASS)).toList();
    Scenario m = new Scenario(s.name(), s.azure(), s.kubernetes().withGateways(moved), s.aks(), s.config(),
        s.notes());
    return AksReachability.of(m, AksOptions.defaults());
  }

  /** Step 9: the overlay sets ETP Local: only the gateway pod's node is UP and the gateway sees the client. */
  public static Lab.Observation step9() {
    AksReachability a = Lab.analysis("step9-istio-local-allowlist");
    Verdict v = a.check(Lab.CLIENT_FLOW).verdict();
    List<String> details = new ArrayList<>();
    details.add(service(a));
    for (BackendHealth b : a.health().backends()) {
      details.add("backend " + b.node().name() + " " + b.state() + " (probe "
          + b.probe().map(p -> p.describe()).orElse("none") + ")");
    }
    Set<IpAddress> seen = new LinkedHashSet<>();
    for (PathResult p : v.paths()) {
      Optional<IpAddress> saw = gatewaySaw(p, Lab.CLIENT_FLOW);
      saw.ifPresent(seen::add);
      details.add("via " + Lab.backend(p) + ": the gateway sees " + saw.map(Object::toString).orElse("nothing")
          + ", " + (p.delivered() ? "the allow-list passes, delivered to simpleapi" : "dropped"));
    }
    boolean local = a.network().gateways().gateways().stream()
        .allMatch(g -> g.dataPlane().service().externalTrafficPolicy() == TrafficPolicy.LOCAL);
    boolean ok = v.kind() == Verdict.Kind.ALWAYS && seen.equals(Set.of(CLIENT)) && local
        && a.health().state(Lab.INGRESS_NODE).orElse(null) == BackendHealth.State.UP
        && a.health().state(Lab.USER_NODE).orElse(null) == BackendHealth.State.DOWN;
    return new Lab.Observation(9, "the same with the class overlay externalTrafficPolicy Local",
        "step9-istio-local-allowlist", "expected from DOMAIN-GATEWAY A4.11, A4.15: only the node with the gateway pod "
        + "is UP, the gateway sees 192.168.1.4, the allow-list works (HTTP 200)", Optional.of(v.kind()), fraction(v),
        details, ok);
  }
}
