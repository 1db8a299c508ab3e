package io.github.aksreach.k8s.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.K8sGens;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyEngine;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.github.aksreach.k8s.trace.GatewayOrigin;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.TrafficPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Invariants of {@code diff} at layer 7 (issue 11) over variants of one migrating cluster (scenario
 * {@code checks/allowlist-lost-in-migration/violating}: ingress-nginx with an allow-list and an Istio Gateway for the
 * same host): with or without the Gateway, its Service under ETP Cluster or Local, no policy or an ALLOW policy on
 * {@code ipBlocks} or {@code remoteIpBlocks}, the Ingress allow-list absent or one of two ranges, and the backend
 * without NetworkPolicy or (enforced) one admitting only the old ingress namespace, or it and the gateway's.
 * <ul>
 *   <li>antisymmetry: {@code diff(A, B)} is {@code diff(B, A)} with before and after swapped;</li>
 *   <li>agreement: an address in a change's sources gets that change's before and after from the two sides, an
 *   address in no change gets equal answers;</li>
 *   <li>ingress-nginx sides agree with {@code check}: the verdict of the request through the graph.</li>
 * </ul>
 */
class L7DiffProperties {
  private static final List<String> RANGES = List.of("198.51.100.0/24", "198.51.100.0/25", "10.10.9.0/24");
  private static final List<IpAddress> PROBES = List.of(IpAddress.of("198.51.100.7"), IpAddress.of("198.51.100.200"),
      IpAddress.of("203.0.113.10"), IpAddress.of("10.10.9.5"), IpAddress.of("10.10.1.4"), IpAddress.of("10.10.1.5"),
      IpAddress.of("10.244.0.12"), IpAddress.of("10.244.1.20"), IpAddress.of("168.63.129.16"));
  private static final Scenario BASE = base();
  private static final Map<Variant, L7Side> SIDES = new HashMap<>();

  private static Scenario base() {
    try {
      Path p = Path.of(L7DiffProperties.class.getResource("/checks/allowlist-lost-in-migration/violating").toURI());
      return AksReachability.load(p, AksOptions.defaults()).get().network().scenario();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One variant of the cluster.
   *
   * @param gateway whether the Gateway API objects are there
   * @param local whether the gateway's Service uses ETP Local
   * @param policy 0 none, 1 ipBlocks, 2 remoteIpBlocks
   * @param policyRange the policy's range
   * @param allow the Ingress allow-list, or "" for none
   * @param backendPolicy 0 no NetworkPolicy enforced; 1 the backend admits only namespace ingress-nginx (A4.19: the
   *     gateway pod is refused, Envoy answers 503); 2 it admits namespaces ingress-nginx and gateway
   */
  record Variant(boolean gateway, boolean local, int policy, String policyRange, String allow, int backendPolicy) {}

  private static Gen<Variant> variants() {
    return in -> {
      K8sGens.R r = new K8sGens.R(in);
      return new Variant(!r.oneIn(3), r.oneIn(2), r.between(0, 2), r.pick(RANGES), r.oneIn(3) ? "" : r.pick(RANGES),
          r.between(0, 2));
    };
  }

  static synchronized L7Side side(Variant v) {
    return SIDES.computeIfAbsent(v, x -> L7Side.of(AksReachability.of(scenario(x), AksOptions.defaults()),
        GatewayOptions.defaults()));
  }

  static Scenario scenario(Variant v) {
    KubernetesCluster k = BASE.kubernetes();
    List<Ingress> ings = new ArrayList<>();
    for (Ingress i : k.ingresses()) {
      Map<String, String> ann = new HashMap<>(i.annotations());
      ann.remove("nginx.ingress.kubernetes.io/whitelist-source-range");
      if (!v.allow().isEmpty()) {
        ann.put("nginx.ingress.kubernetes.io/whitelist-source-range", v.allow());
      }
      ings.add(i.withAnnotations(ann));
    }
    k = k.withIngresses(ings);
    if (!v.gateway()) {
      k = k.withGateways(List.of()).withHttpRoutes(List.of()).withAuthorizationPolicies(List.of());
    } else {
      List<Service> svcs = new ArrayList<>();
      for (Service s : k.services()) {
        svcs.add(s.name().equals("web-istio") ? s.withExternalTrafficPolicy(v.local() ? TrafficPolicy.LOCAL
            : TrafficPolicy.CLUSTER) : s);
      }
      k = k.withServices(svcs);
      if (v.policy() > 0) {
        IpPrefix range = IpPrefix.of(v.policyRange());
        AuthorizationPolicy.Source src = v.policy() == 1 ? AuthorizationPolicy.Source.ipBlocks(range)
            : AuthorizationPolicy.Source.remoteIpBlocks(range);
        k = k.withAuthorizationPolicies(AuthorizationPolicy.builder().namespace("gateway").name("allow")
            .action(AuthorizationPolicy.Action.ALLOW)
            .addTargetRefs(new AuthorizationPolicy.TargetRef("gateway.networking.k8s.io", "Gateway", "web"))
            .addRules(AuthorizationPolicy.Rule.from(src)).build());
      }
    }
    ScenarioConfig config = BASE.config();
    if (v.backendPolicy() > 0) {
      List<NetworkPolicy> nps = new ArrayList<>(k.networkPolicies());
      nps.add(backendPolicy(v.backendPolicy() == 1 ? List.of("ingress-nginx") : List.of("ingress-nginx", "gateway")));
      k = k.withNetworkPolicies(nps);
      config = config.withNetworkPolicy(NetworkPolicyEngine.AZURE);
    }
    return new Scenario(BASE.name() + "-" + v, BASE.azure(), k, BASE.aks(), config, BASE.notes());
  }

  /** A NetworkPolicy on the simpleapi pods admitting TCP 8080 from the pods of {@code namespaces} only. */
  private static NetworkPolicy backendPolicy(List<String> namespaces) {
    StringBuilder from = new StringBuilder();
    for (String ns : namespaces) {
      from.append("    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: ").append(ns)
          .append('\n');
    }
    String yaml = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: simpleapi-from-ingress\n"
        + "  namespace: default\nspec:\n  podSelector:\n    matchLabels:\n      app: simpleapi\n"
        + "  policyTypes: [Ingress]\n  ingress:\n  - from:\n" + from
        + "    ports:\n    - port: 8080\n      protocol: TCP\n";
    return KubernetesLoader.create().loadString("np.yaml", yaml).get().value().networkPolicies().get(0);
  }

  /**
   * What {@code check}'s paths answer: each drop's status, and 503 for a path dropped without one after the gateway
   * chose an upstream (a hop at its BACKENDS stage: Envoy cannot connect, A4.19), counted in {@code upstream503}.
   */
  private static java.util.TreeSet<Integer> statuses(io.github.aksreach.core.solver.Verdict verdict,
      AtomicLong upstream503) {
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (var p : verdict.paths()) {
      p.drop().ifPresent(d -> {
        if (d.status().isPresent()) {
          out.add(d.status().getAsInt());
        } else if (p.hops().stream().anyMatch(h -> h.origin() instanceof GatewayOrigin g
            && g.stage() == GatewayOrigin.Stage.BACKENDS)) {
          out.add(503);
          upstream503.incrementAndGet();
        }
      });
    }
    return out;
  }

  /** A change as comparable text, optionally swapped. */
  private static Set<String> changes(L7Diff d, boolean swap) {
    Set<String> out = new HashSet<>();
    for (L7Diff.Entry e : d.entries()) {
      for (L7Diff.Change c : e.changes()) {
        out.add(e.request() + " | " + (swap ? c.after() + " -> " + c.before() : c.before() + " -> " + c.after())
            + " | " + c.sources().toCidrs());
      }
    }
    return out;
  }

  @Test
  void diffIsAntisymmetricAndAgreesWithEachSidesAnswers() {
    AtomicLong changed = new AtomicLong();
    AtomicLong unchanged = new AtomicLong();
    AtomicLong upstream503 = new AtomicLong();
    qt().withFixedSeed(0x17d1ffL).withExamples(40).forAll(variants(), variants()).checkAssert((va, vb) -> {
      L7Side a = side(va);
      L7Side b = side(vb);
      L7Diff ab = L7Diff.of(a, b);
      L7Diff ba = L7Diff.of(b, a);
      assertThat(changes(ba, false)).as(va + " / " + vb).isEqualTo(changes(ab, true));
      for (L7Diff.Entry e : ab.entries()) {
        List<IpAddress> probes = new ArrayList<>(PROBES);
        e.changes().forEach(c -> probes.add(c.sources().first().orElseThrow()));
        for (IpAddress s : probes) {
          L7Diff.Answer x = a.answer(e.request(), s);
          L7Diff.Answer y = b.answer(e.request(), s);
          // the pieces are exact: any address of one answers like the piece
          assertThat(a.evaluate(e.request(), s)).as(va + " " + e.request() + " from " + s).isEqualTo(x);
          assertThat(b.evaluate(e.request(), s)).as(vb + " " + e.request() + " from " + s).isEqualTo(y);
          if (x.statuses().contains(503) || y.statuses().contains(503)) {
            upstream503.incrementAndGet();
          }
          L7Diff.Change hit = e.changes().stream().filter(c -> c.sources().contains(s)).findFirst().orElse(null);
          if (hit == null) {
            assertThat(y).as(e.request() + " from " + s).isEqualTo(x);
            unchanged.incrementAndGet();
          } else {
            assertThat(List.of(x, y)).as(e.request() + " from " + s).containsExactly(hit.before(), hit.after());
            changed.incrementAndGet();
          }
        }
      }
    });
    assertThat(changed.get()).isGreaterThan(50);
    assertThat(unchanged.get()).isGreaterThan(50);
    assertThat(upstream503.get()).as("answers with Envoy's 503 (a backend refusing the gateway pod)")
        .isGreaterThan(10);
  }

  @Test
  void anIngressNginxSideAgreesWithCheck() {
    Variant v = new Variant(false, true, 0, RANGES.get(0), RANGES.get(0), 0);
    L7Side side = side(v);
    AksReachability a = AksReachability.of(scenario(v), AksOptions.defaults());
    IpAddress fe = IpAddress.of("20.50.60.10");
    int checked = 0;
    for (L7Diff.Request r : side.requests()) {
      assertThat(side.frontDoor(r)).startsWith("ingress-nginx ");
      for (L7Diff.Piece p : side.answers(r)) {
        IpAddress s = p.sources().first().orElseThrow();
        assertThat(a.check(Flow.of(Protocol.TCP, s, 50000, fe, 80).withHttp(r.host(), r.path())).verdict().kind())
            .as(r + " from " + s).isEqualTo(p.answer().verdict());
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(4);
    // any address, not only a piece's first: verdict and the statuses on the dropped paths
    for (L7Diff.Request r : side.requests()) {
      for (IpAddress s : PROBES) {
        var verdict = a.check(Flow.of(Protocol.TCP, s, 50000, fe, 80).withHttp(r.host(), r.path())).verdict();
        java.util.TreeSet<Integer> statuses = new java.util.TreeSet<>();
        verdict.paths().forEach(p -> p.drop().ifPresent(d -> d.status().ifPresent(statuses::add)));
        assertThat(side.answer(r, s).verdict()).as(r + " from " + s).isEqualTo(verdict.kind());
        assertThat(side.answer(r, s).statuses()).as(r + " from " + s).containsExactlyElementsOf(statuses);
      }
    }
    // the allow-listed office reaches the backend, everyone else outside gets 403 (DOMAIN 5.1)
    L7Diff.Request wf = new L7Diff.Request("demoapi.example.com", "/weatherforecast", 80);
    assertThat(side.answer(wf, IpAddress.of("198.51.100.7")).toString()).isEqualTo(
        "ALWAYS via default/simpleapi:8080");
    assertThat(side.answer(wf, IpAddress.of("203.0.113.10")).toString()).isEqualTo("NEVER [403]");
  }

  /**
   * The Gateway side is the graph's answer (the same engine path as {@code check}): for every policy, both
   * externalTrafficPolicies and the backend with or without a NetworkPolicy refusing the gateway pod, each piece's
   * verdict and statuses are those of {@code check} from any probe address, a path dropped after Envoy chose an
   * upstream being Envoy's 503 (under Local the ipBlocks policy admits the office; this variant's dumped Service moved
   * to Cluster carries no AKS probe annotations, so the LB probes GET / on the http nodePort, Envoy answers 404 and no
   * node is UP: A4.11, 4.3).
   */
  @Test
  void aGatewaySideAgreesWithCheck() {
    int checked = 0;
    AtomicLong upstream503 = new AtomicLong();
    for (int backendPolicy : List.of(0, 1)) {
      for (boolean local : List.of(false, true)) {
        for (int policy = 0; policy <= 2; policy++) {
          Variant v = new Variant(true, local, policy, RANGES.get(0), "", backendPolicy);
          L7Side side = side(v);
          AksReachability a = AksReachability.of(scenario(v), AksOptions.defaults());
          IpAddress fe = a.network().gateways().gateways().get(0).dataPlane().service().frontendIps().get(0);
          L7Diff.Request wf = new L7Diff.Request("demoapi.example.com", "/weatherforecast", 80);
          assertThat(side.frontDoor(wf)).startsWith("gateway ");
          for (IpAddress s : PROBES) {
            var verdict = a.check(Flow.of(Protocol.TCP, s, 50000, fe, 80).withHttp(wf.host(), wf.path())).verdict();
            assertThat(side.answer(wf, s).verdict()).as(v + " from " + s).isEqualTo(verdict.kind());
            assertThat(side.answer(wf, s).statuses()).as(v + " from " + s)
                .containsExactlyElementsOf(statuses(verdict, upstream503));
            checked++;
          }
          if (policy == 1) {
            assertThat(side.answer(wf, IpAddress.of("198.51.100.7")).toString()).as(v.toString())
                .isEqualTo(!local ? "NEVER" : backendPolicy == 0 ? "ALWAYS via default/simpleapi:8080"
                    : "NEVER [503]");
          }
        }
      }
    }
    assertThat(checked).isEqualTo(12 * PROBES.size());
    // the backend policy refuses the gateway pod: Envoy's 503 reached, through check, for the admitted probes
    assertThat(upstream503.get()).isGreaterThanOrEqualTo(6);
  }
}
