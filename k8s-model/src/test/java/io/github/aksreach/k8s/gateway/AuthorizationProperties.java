package io.github.aksreach.k8s.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.k8s.K8sGens;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Invariants of Istio's authorization decision (S5.2, S5.3). */
class AuthorizationProperties {
  private static final List<String> PREFIXES = List.of("10.0.0.0/24", "10.0.0.0/25", "10.0.0.128/25",
      "10.0.1.0/24", "10.0.0.7/32", "0.0.0.0/0");

  record Case(List<AuthorizationPolicy> policies, int target, AuthorizationPolicy.Rule extra, AuthzRequest request) {}

  private static List<IpPrefix> blocks(K8sGens.R r) {
    List<IpPrefix> l = new ArrayList<>();
    int n = r.oneIn(2) ? 0 : r.between(1, 2);
    for (int i = 0; i < n; i++) {
      l.add(IpPrefix.of(r.pick(PREFIXES)));
    }
    return l;
  }

  private static List<String> some(K8sGens.R r, List<String> universe) {
    List<String> l = new ArrayList<>();
    int n = r.oneIn(2) ? 0 : r.between(1, 2);
    for (int i = 0; i < n; i++) {
      l.add(r.pick(universe));
    }
    return l;
  }

  private static AuthorizationPolicy.Rule rule(K8sGens.R r) {
    List<AuthorizationPolicy.Source> from = new ArrayList<>();
    if (!r.oneIn(3)) {
      from.add(new AuthorizationPolicy.Source(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          blocks(r), r.oneIn(4) ? blocks(r) : List.of(), blocks(r), r.oneIn(4) ? blocks(r) : List.of()));
    }
    List<AuthorizationPolicy.Operation> to = new ArrayList<>();
    if (r.oneIn(2)) {
      to.add(new AuthorizationPolicy.Operation(some(r, List.of("example.com", "*.example.com", "other.org")),
          List.of(), some(r, List.of("80", "443")), List.of(), some(r, List.of("GET", "POST")), List.of(),
          some(r, List.of("/admin*", "/api/{*}/x", "/", "*")), r.oneIn(4) ? some(r, List.of("/admin*")) : List.of()));
    }
    List<AuthorizationPolicy.Condition> when = new ArrayList<>();
    if (r.oneIn(5)) {
      when.add(new AuthorizationPolicy.Condition(r.oneIn(2) ? "remote.ip" : "request.headers[x-env]",
          List.of(r.oneIn(2) ? "10.0.0.0/24" : "prod"), List.of()));
    }
    return new AuthorizationPolicy.Rule(from, to, when);
  }

  private static Gen<Case> cases() {
    return in -> {
      K8sGens.R r = new K8sGens.R(in);
      List<AuthorizationPolicy> ps = new ArrayList<>();
      int n = r.between(1, 4);
      for (int i = 0; i < n; i++) {
        AuthorizationPolicy.Action a = i == 0 ? AuthorizationPolicy.Action.ALLOW
            : r.pick(List.of(AuthorizationPolicy.Action.ALLOW, AuthorizationPolicy.Action.DENY,
                AuthorizationPolicy.Action.AUDIT));
        AuthorizationPolicy.Builder b = AuthorizationPolicy.builder().namespace("infra").name("p" + i).action(a);
        int rules = r.between(0, 2);
        for (int k = 0; k < rules; k++) {
          b.addRules(rule(r));
        }
        ps.add(b.build());
      }
      List<Integer> allows = new ArrayList<>();
      for (int i = 0; i < ps.size(); i++) {
        if (ps.get(i).action() == AuthorizationPolicy.Action.ALLOW) {
          allows.add(i);
        }
      }
      HttpRequest req = HttpRequest.get(r.oneIn(2) ? 80 : 443, r.pick(List.of("example.com", "a.example.com",
          "other.org", "example.com:8080")), r.pick(List.of("/", "/admin", "/admin/x", "/api/v1/x", "/a/../admin")))
          .withMethod(r.oneIn(2) ? "GET" : "POST");
      if (r.oneIn(3)) {
        req = req.withHeader("x-env", "prod");
      }
      IpAddress src = IpAddress.of("10.0." + r.between(0, 1) + "." + r.pick(List.of(7, 100, 200)));
      IpAddress remote = IpAddress.of("10.0." + r.between(0, 1) + "." + r.pick(List.of(7, 100, 200)));
      return new Case(ps, r.pick(allows), rule(r), new AuthzRequest(req, src, remote, Optional.empty(),
          Optional.empty()));
    };
  }

  private static List<AuthorizationPolicy> withExtraRule(Case k) {
    List<AuthorizationPolicy> out = new ArrayList<>(k.policies());
    AuthorizationPolicy t = out.get(k.target());
    out.set(k.target(), t.withRules(concat(t.rules(), k.extra())));
    return out;
  }

  private static List<AuthorizationPolicy.Rule> concat(List<AuthorizationPolicy.Rule> a, AuthorizationPolicy.Rule b) {
    List<AuthorizationPolicy.Rule> l = new ArrayList<>(a);
    l.add(b);
    return l;
  }

  @Test
  void addingAnAllowRuleNeverDeniesAnAllowedRequest() {
    AtomicLong allowedBefore = new AtomicLong();
    AtomicLong newlyAllowed = new AtomicLong();
    AtomicLong denied = new AtomicLong();
    GatewayOptions o = GatewayOptions.defaults();
    qt().withFixedSeed(0xa110eL).withExamples(4000).forAll(cases()).checkAssert(k -> {
      boolean before = AuthorizationEvaluator.evaluate(k.policies(), k.request(), o).allowed();
      boolean after = AuthorizationEvaluator.evaluate(withExtraRule(k), k.request(), o).allowed();
      if (before) {
        allowedBefore.incrementAndGet();
        assertThat(after).as(k.toString()).isTrue();
      } else if (after) {
        newlyAllowed.incrementAndGet();
      } else {
        denied.incrementAndGet();
      }
    });
    assertThat(allowedBefore.get()).isGreaterThan(400);
    assertThat(newlyAllowed.get()).isGreaterThan(100);
    assertThat(denied.get()).isGreaterThan(400);
  }

  private static final List<IpAddress> PEERS = List.of(IpAddress.of("10.0.0.7"), IpAddress.of("10.0.0.100"),
      IpAddress.of("10.0.0.200"), IpAddress.of("10.0.1.7"), IpAddress.of("10.0.1.200"), IpAddress.of("192.168.0.1"),
      IpAddress.of("0.0.0.0"), IpAddress.of("255.255.255.255"), IpAddress.of("2001:db8::1"));
  private static final List<Optional<String>> FORWARDED = List.of(Optional.empty(), Optional.of("10.0.0.7"),
      Optional.of("10.0.1.100, 10.0.0.200"));

  /**
   * The peer classes the graph's gateway element is built from ({@link PeerDecisions}) decide every peer as the
   * concrete evaluator does for that peer (DOMAIN-GATEWAY 5.2: source.ip = the peer; remote.ip = the peer, or the
   * N-th X-Forwarded-For entry from the right), and they partition the address space.
   */
  @Test
  void peerClassesDecideEveryPeerAsTheConcreteEvaluator() {
    AtomicLong allowed = new AtomicLong();
    AtomicLong denied = new AtomicLong();
    AtomicLong mixed = new AtomicLong();
    GatewayOptions o = GatewayOptions.defaults();
    qt().withFixedSeed(0x9ee7L).withExamples(1500).forAll(cases(), integers().between(0, 2), integers().between(0, 2))
        .checkAssert((k, n, x) -> {
          Optional<String> xff = FORWARDED.get(x);
          List<PeerDecisions.Part> parts = PeerDecisions.of(k.policies(), k.request().request(), xff, n, o);
          io.github.aksreach.core.model.IpSet union = io.github.aksreach.core.model.IpSet.empty();
          for (PeerDecisions.Part p : parts) {
            assertThat(union.intersects(p.peers())).as("disjoint").isFalse();
            union = union.union(p.peers());
          }
          assertThat(union).isEqualTo(io.github.aksreach.core.model.IpSet.all());
          boolean any = false;
          boolean all = true;
          for (IpAddress peer : PEERS) {
            AuthzDecision want = AuthorizationEvaluator.evaluate(k.policies(), AuthzRequest.of(k.request().request(),
                IstioClientAddress.of(peer, xff, n)), o);
            PeerDecisions.Part part = parts.stream().filter(p -> p.peers().contains(peer)).findFirst().orElseThrow();
            assertThat(part.decision().allowed()).as(peer + " " + k).isEqualTo(want.allowed());
            assertThat(part.decision().decidedBy()).as(peer + " " + k).isEqualTo(want.decidedBy());
            any |= want.allowed();
            all &= want.allowed();
          }
          (all ? allowed : any ? mixed : denied).incrementAndGet();
        });
    assertThat(allowed.get()).isGreaterThan(100);
    assertThat(denied.get()).isGreaterThan(100);
    assertThat(mixed.get()).isGreaterThan(100);
  }
}
