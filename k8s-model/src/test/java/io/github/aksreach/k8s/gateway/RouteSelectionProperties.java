package io.github.aksreach.k8s.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.K8sGens;
import io.github.aksreach.k8s.model.BackendRef;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.HttpRoute;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ParentRef;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.ValueMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link GatewayRouter} picks the same (route, rule) as a deliberately simple reference matcher written from the
 * spec's precedence list (DOMAIN-GATEWAY 2.4): collect every matching (route, rule, match), keep the one that beats
 * all others by comparing the listed criteria one after another.
 */
class RouteSelectionProperties {
  private static final String NS = "app";
  private static final List<String> PATHS = List.of("/", "/a", "/a/", "/a/b", "/b", "/ab");
  private static final List<String> REQUEST_PATHS = List.of("/", "/a", "/a/", "/a/b", "/a/bc", "/ab", "/b", "/A",
      "/b/c");
  private static final List<Instant> TIMES = List.of(Instant.parse("2026-01-01T00:00:00Z"),
      Instant.parse("2026-02-01T00:00:00Z"));

  record Case(List<HttpRoute> routes, HttpRequest request) {}

  private static HttpRoute.Match match(K8sGens.R r) {
    HttpRoute.PathType type = r.oneIn(3) ? HttpRoute.PathType.EXACT : HttpRoute.PathType.PATH_PREFIX;
    HttpRoute.Match m = HttpRoute.Match.path(type, r.pick(PATHS));
    List<ValueMatch> headers = new ArrayList<>();
    if (r.oneIn(3)) {
      headers.add(ValueMatch.exact("x", "1"));
    }
    if (r.oneIn(4)) {
      headers.add(ValueMatch.exact("y", "1"));
    }
    m = m.withHeaders(headers);
    if (r.oneIn(4)) {
      m = m.withQueryParams(List.of(ValueMatch.exact("q", "1")));
    }
    if (r.oneIn(4)) {
      m = m.withMethod(r.oneIn(2) ? "GET" : "POST");
    }
    return m;
  }

  private static Gen<Case> cases() {
    return in -> {
      K8sGens.R r = new K8sGens.R(in);
      List<HttpRoute> routes = new ArrayList<>();
      int n = r.between(1, 3);
      for (int i = 0; i < n; i++) {
        HttpRoute.Builder b = HttpRoute.builder().namespace(NS).name(r.pick(List.of("a", "b", "c")) + i)
            .addParentRefs(ParentRef.gateway("gw"));
        if (!r.oneIn(5)) {
          b.creationTimestamp(r.pick(TIMES));
        }
        int rules = r.between(1, 3);
        for (int k = 0; k < rules; k++) {
          List<HttpRoute.Match> ms = new ArrayList<>();
          int nm = r.between(0, 2);
          for (int j = 0; j < nm; j++) {
            ms.add(match(r));
          }
          b.addRules(HttpRoute.Rule.to(BackendRef.service("svc", 80)).withMatches(ms));
        }
        routes.add(b.build());
      }
      HttpRequest req = HttpRequest.get(80, "example.com", r.pick(REQUEST_PATHS) + (r.oneIn(3) ? "?q=1" : ""))
          .withMethod(r.oneIn(2) ? "GET" : "POST");
      if (r.oneIn(2)) {
        req = req.withHeader("X", "1");
      }
      if (r.oneIn(3)) {
        req = req.withHeader("y", "1");
      }
      return new Case(routes, req);
    };
  }

  // ------------------------------------------------------------------------------------------ the reference

  /** A candidate: route, rule index, match. */
  record Pick(HttpRoute route, int rule, HttpRoute.Match match) {}

  private static List<String> segments(String p) {
    List<String> s = new ArrayList<>(Arrays.asList(p.split("/", -1)));
    s.remove(0);
    if (s.size() == 1 && s.get(0).isEmpty()) {
      s.clear();
    }
    return s;
  }

  /** PathPrefix: the prefix's path elements (a trailing slash ignored) begin the request path's elements. */
  private static boolean refPath(HttpRoute.PathMatch p, String path) {
    if (p.type() == HttpRoute.PathType.EXACT) {
      return p.value().equals(path);
    }
    List<String> pre = segments(p.value());
    if (!pre.isEmpty() && pre.get(pre.size() - 1).isEmpty()) {
      pre.remove(pre.size() - 1);
    }
    List<String> got = segments(path);
    return got.size() >= pre.size() && got.subList(0, pre.size()).equals(pre);
  }

  private static boolean refMatches(HttpRoute.Match m, HttpRequest r) {
    return refPath(m.path(), r.pathOnly())
        && m.method().map(x -> x.equals(r.method())).orElse(true)
        && m.headers().stream().allMatch(h -> r.header(h.name()).map(h.value()::equals).orElse(false))
        && m.queryParams().stream().allMatch(q -> r.queryParam(q.name()).map(q.value()::equals).orElse(false));
  }

  private static int prefixChars(HttpRoute.Match m) {
    String v = m.path().value();
    return v.length() > 1 && v.endsWith("/") ? v.length() - 1 : v.length();
  }

  /** Whether {@code a} takes precedence over {@code b}, the spec's list read top to bottom. */
  private static boolean beats(Pick a, Pick b) {
    boolean ea = a.match().path().type() == HttpRoute.PathType.EXACT;
    boolean eb = b.match().path().type() == HttpRoute.PathType.EXACT;
    if (ea != eb) {
      return ea;                                                     // 1. "Exact" path match
    }
    if (prefixChars(a.match()) != prefixChars(b.match())) {
      return prefixChars(a.match()) > prefixChars(b.match());        // 2. longest prefix
    }
    if (a.match().method().isPresent() != b.match().method().isPresent()) {
      return a.match().method().isPresent();                         // 3. method match
    }
    if (a.match().headers().size() != b.match().headers().size()) {
      return a.match().headers().size() > b.match().headers().size();   // 4. header matches
    }
    if (a.match().queryParams().size() != b.match().queryParams().size()) {
      return a.match().queryParams().size() > b.match().queryParams().size();   // 5. query matches
    }
    Instant ta = a.route().creationTimestamp().orElse(Instant.MIN);
    Instant tb = b.route().creationTimestamp().orElse(Instant.MIN);
    if (!ta.equals(tb)) {
      return ta.isBefore(tb);                                        // 6. oldest route
    }
    String ka = a.route().namespace() + "/" + a.route().name();
    String kb = b.route().namespace() + "/" + b.route().name();
    if (!ka.equals(kb)) {
      return ka.compareTo(kb) < 0;                                   // 7. alphabetical namespace/name
    }
    return a.rule() < b.rule();                                      // 8. first rule
  }

  private static Optional<Pick> reference(List<HttpRoute> routes, HttpRequest r) {
    Pick best = null;
    for (HttpRoute route : routes) {
      for (int i = 0; i < route.rules().size(); i++) {
        HttpRoute.Rule rule = route.rules().get(i);
        List<HttpRoute.Match> ms = rule.matches().isEmpty()
            ? List.of(HttpRoute.Match.pathPrefix("/")) : rule.matches();
        for (HttpRoute.Match m : ms) {
          Pick p = new Pick(route, i, m);
          if (refMatches(m, r) && (best == null || beats(p, best))) {
            best = p;
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  // ------------------------------------------------------------------------------------------ the property

  private static KubernetesCluster cluster(List<HttpRoute> routes) {
    return KubernetesCluster.builder()
        .addGateways(Gateway.builder().namespace(NS).name("gw").gatewayClassName("istio")
            .addListeners(Gateway.Listener.http("http", 80)).build())
        .addAllHttpRoutes(routes)
        .addServices(Service.builder().namespace(NS).name("svc").putSelector("app", "svc")
            .addPorts(ServicePort.builder().port(80).build()).build())
        .addPods(Pod.builder().namespace(NS).name("svc-0").putLabels("app", "svc").nodeName("n1")
            .addPodIps(IpAddress.of("10.244.0.9")).build())
        .build();
  }

  @Test
  void routerAgreesWithTheSpecPrecedenceList() {
    AtomicLong routed = new AtomicLong();
    AtomicLong notFound = new AtomicLong();
    AtomicLong contested = new AtomicLong();
    qt().withFixedSeed(0x9a7e3L).withExamples(1500).forAll(cases()).checkAssert(k -> {
      KubernetesCluster c = cluster(k.routes());
      GatewayOutcome got = GatewayRouter.of(c, c.gateways().get(0), GatewayOptions.defaults()).route(k.request());
      Optional<Pick> want = reference(k.routes(), k.request());
      if (want.isEmpty()) {
        notFound.incrementAndGet();
        assertThat(got).as(k.toString()).isInstanceOf(GatewayOutcome.Answered.class);
        assertThat(((GatewayOutcome.Answered) got).status()).isEqualTo(404);
        return;
      }
      routed.incrementAndGet();
      assertThat(got).as(k.toString()).isInstanceOf(GatewayOutcome.Routed.class);
      GatewayOutcome.Routed r = (GatewayOutcome.Routed) got;
      assertThat(r.route().key() + " rule " + r.ruleIndex()).as(k.request().toString() + " " + k.routes())
          .isEqualTo(want.get().route().key() + " rule " + want.get().rule());
      long matching = k.routes().stream().flatMap(rt -> rt.rules().stream())
          .flatMap(rl -> rl.effectiveMatches().stream()).filter(m -> refMatches(m, k.request())).count();
      if (matching > 1) {
        contested.incrementAndGet();
      }
    });
    // not vacuous: many requests matched several candidates, and both outcomes occur
    assertThat(contested.get()).isGreaterThan(250);
    assertThat(notFound.get()).isGreaterThan(25);
    assertThat(routed.get()).isGreaterThan(500);
  }
}
