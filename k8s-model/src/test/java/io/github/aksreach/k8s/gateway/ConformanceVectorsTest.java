package io.github.aksreach.k8s.gateway;

import static io.github.aksreach.k8s.gateway.GatewayFixtures.INFRA;
import static io.github.aksreach.k8s.gateway.GatewayFixtures.answer;
import static io.github.aksreach.k8s.gateway.GatewayFixtures.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.GatewayRoute;
import io.github.aksreach.k8s.model.KubernetesCluster;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The upstream Gateway API conformance vectors (kubernetes-sigs/gateway-api {@code conformance/tests}, Apache-2.0;
 * DOMAIN-GATEWAY section 3), re-expressed as kubectl YAML and request tables and run through the loader,
 * {@link RouteAttachments} and {@link GatewayRouter}. Each table names its upstream test and the fact ids it pins.
 */
class ConformanceVectorsTest {
  private static final GatewayOptions OPTIONS = GatewayOptions.defaults();

  static String route(String name, String parents, String hostnames, String rules) {
    return "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: " + name + ", namespace: "
        + INFRA + "}\nspec:\n  parentRefs: " + parents + "\n" + (hostnames.isEmpty() ? "" : "  hostnames: "
        + hostnames + "\n") + "  rules:\n" + rules + "---\n";
  }

  static String backend(String name) {
    return "    backendRefs: [{name: " + name + ", port: 8080}]\n";
  }

  private static GatewayRouter router(KubernetesCluster c, String gateway) {
    return GatewayRouter.of(c, c.gateway(INFRA, gateway).orElseThrow(), OPTIONS);
  }

  private static String get(GatewayRouter r, String host, String path, String headers) {
    HttpRequest req = HttpRequest.get(80, host, path);
    if (!headers.isEmpty()) {
      for (String h : headers.split(";")) {
        String[] kv = h.split(":", 2);
        req = req.withHeader(kv[0].trim(), kv[1].trim());
      }
    }
    return answer(r.route(req)).replace("infra-backend-", "");
  }

  // ------------------------------------------------------------------------------------------ HTTPRouteMatching

  private static final KubernetesCluster MATCHING = cluster(route("matching", "[{name: same-namespace}]", "",
      "  - matches: [{path: {type: PathPrefix, value: /}}, {headers: [{name: version, value: one}]}]\n"
      + backend("infra-backend-v1")
      + "  - matches: [{path: {type: PathPrefix, value: /v2}}, {headers: [{name: version, value: two}]}]\n"
      + backend("infra-backend-v2")));

  /** httproute-matching (R2.12 OR of matches, R2.13 segment prefix, section 2.4 header count). */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "/|''|v1", "/example|''|v1", "/|Version: one|v1", "/v2|''|v2", "/v2/example|''|v2", "/|Version: two|v2",
      "/v2/|''|v2", "/v2example|''|v1", "/foo/v2/example|''|v1"})
  void httpRouteMatching(String path, String headers, String expected) {
    assertThat(get(router(MATCHING, "same-namespace"), "example.com", path, headers)).isEqualTo(expected);
  }

  // ------------------------------------------------------------------------------------------ HeaderMatching

  private static final KubernetesCluster HEADERS = cluster(route("header-matching", "[{name: same-namespace}]", "",
      "  - matches: [{headers: [{name: version, value: one}]}]\n" + backend("infra-backend-v1")
      + "  - matches: [{headers: [{name: version, value: two}]}]\n" + backend("infra-backend-v2")
      + "  - matches: [{headers: [{name: version, value: two}, {name: color, value: orange}]}]\n"
      + backend("infra-backend-v1")
      + "  - matches: [{headers: [{name: color, value: blue}]}, {headers: [{name: color, value: green}]}]\n"
      + backend("infra-backend-v1")
      + "  - matches: [{headers: [{name: color, value: red}]}, {headers: [{name: color, value: yellow}]}]\n"
      + backend("infra-backend-v2")));

  /** httproute-header-matching (R2.15, section 2.4 steps 4 and 8, R2.19). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Version: one|v1", "Version: two|v2", "Version: two; Color: orange|v1", "Version: two; Color: blue|v2",
      "Color: orange|404", "Some-Other-Header: one|404", "Color: blue|v1", "Color: green|v1", "Color: red|v2",
      "Color: yellow|v2", "Color: purple|404"})
  void headerMatching(String headers, String expected) {
    assertThat(get(router(HEADERS, "same-namespace"), "example.com", "/", headers)).isEqualTo(expected);
  }

  // ------------------------------------------------------------------------------------------ HostnameIntersection

  private static final KubernetesCluster INTERSECTION = cluster(
      "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: hi, namespace: " + INFRA + "}\n"
      + "spec:\n  gatewayClassName: istio\n  listeners:\n"
      + "  - {name: l1, port: 80, protocol: HTTP, hostname: very.specific.com}\n"
      + "  - {name: l2, port: 80, protocol: HTTP, hostname: '*.wildcard.io'}\n"
      + "  - {name: l3, port: 80, protocol: HTTP, hostname: '*.anotherwildcard.io'}\n---\n"
      + route("s1", "[{name: hi}]", "[non.matching.com, '*.nonmatchingwildcard.io', very.specific.com]",
          "  - matches: [{path: {type: PathPrefix, value: /s1}}]\n" + backend("infra-backend-v1"))
      + route("s2", "[{name: hi}]", "[non.matching.com, wildcard.io, foo.wildcard.io, bar.wildcard.io, "
          + "foo.bar.wildcard.io]", "  - matches: [{path: {type: PathPrefix, value: /s2}}]\n"
          + backend("infra-backend-v2"))
      + route("s3", "[{name: hi}]", "[non.matching.com, '*.specific.com']",
          "  - matches: [{path: {type: PathPrefix, value: /s3}}]\n" + backend("infra-backend-v3"))
      + route("s4", "[{name: hi}]", "['*.anotherwildcard.io']",
          "  - matches: [{path: {type: PathPrefix, value: /s4}}]\n" + backend("infra-backend-v1"))
      + route("s5", "[{name: hi}]", "[specific.but.wrong.com, wildcard.io]",
          "  - matches: [{path: {type: PathPrefix, value: /s5}}]\n" + backend("infra-backend-v2"))
      + "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: hi-all, namespace: " + INFRA
      + "}\nspec:\n  gatewayClassName: istio\n  listeners:\n  - {name: l1, port: 80, protocol: HTTP}\n---\n"
      + route("all", "[{name: hi-all}]", "[first.com, sub.first.com, second.com, sub.second.com]",
          "  - " + backend("infra-backend-v2").substring(4)));

  /** httproute-hostname-intersection (R2.6-R2.8, G1.14). */
  @ParameterizedTest(name = "{0}{1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "very.specific.com|/s1|v1", "very.specific.com:1234|/s1|v1", "non.matching.com|/s1|404",
      "foo.nonmatchingwildcard.io|/s1|404", "foo.wildcard.io|/s1|404", "very.specific.com|/non-matching-prefix|404",
      "foo.wildcard.io|/s2|v2", "bar.wildcard.io|/s2|v2", "foo.bar.wildcard.io|/s2|v2", "non.matching.com|/s2|404",
      "wildcard.io|/s2|404", "very.specific.com|/s2|404", "foo.wildcard.io|/non-matching-prefix|404",
      "very.specific.com|/s3|v3", "non.matching.com|/s3|404", "foo.specific.com|/s3|404", "foo.wildcard.io|/s3|404",
      "foo.anotherwildcard.io|/s4|v1", "bar.anotherwildcard.io|/s4|v1", "foo.bar.anotherwildcard.io|/s4|v1",
      "anotherwildcard.io|/s4|404", "foo.wildcard.io|/s4|404", "very.specific.com|/s4|404",
      "foo.anotherwildcard.io|/non-matching-prefix|404", "specific.but.wrong.com|/s5|404", "wildcard.io|/s5|404"})
  void hostnameIntersection(String host, String path, String expected) {
    assertThat(get(router(INTERSECTION, "hi"), host, path, "")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {"first.com|v2", "sub.first.com|v2", "second.com|v2", "sub.second.com|v2",
      "third.com|404", "sub.third.com|404"})
  void hostnameIntersectionOnAHostnamelessListener(String host, String expected) {
    assertThat(get(router(INTERSECTION, "hi-all"), host, "/", "")).isEqualTo(expected);
  }

  @Test
  void hostnameIntersectionStatuses() {
    RouteAttachments a = router(INTERSECTION, "hi").attachments();
    Map<String, List<String>> attached = a.listeners().stream().collect(Collectors.toMap(
        l -> l.listener().name(), l -> l.attached().stream().map(x -> x.route().name()).sorted().toList()));
    assertThat(attached).containsEntry("l1", List.of("s1", "s3")).containsEntry("l2", List.of("s2"))
        .containsEntry("l3", List.of("s4"));
    GatewayRoute s5 = INTERSECTION.httpRoutes().stream().filter(r -> r.name().equals("s5")).findFirst()
        .orElseThrow();
    assertThat(a.statusOf(s5)).singleElement().satisfies(s -> {
      assertThat(s.accepted()).isFalse();
      assertThat(s.reason()).isEqualTo("NoMatchingListenerHostname");
    });
  }

  // ------------------------------------------------------------------------------------------ listener hostnames

  private static final KubernetesCluster LISTENER_HOSTS = cluster(
      "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: lh, namespace: " + INFRA + "}\n"
      + "spec:\n  gatewayClassName: istio\n  listeners:\n"
      + "  - {name: listener-1, port: 80, protocol: HTTP, hostname: bar.com}\n"
      + "  - {name: listener-2, port: 80, protocol: HTTP, hostname: foo.bar.com}\n"
      + "  - {name: listener-3, port: 80, protocol: HTTP, hostname: '*.bar.com'}\n"
      + "  - {name: listener-4, port: 80, protocol: HTTP, hostname: '*.foo.com'}\n---\n"
      + route("backend-v1", "[{name: lh, sectionName: listener-1}]", "", "  - " + backend("infra-backend-v1")
          .substring(4))
      + route("backend-v2", "[{name: lh, sectionName: listener-2}]", "", "  - " + backend("infra-backend-v2")
          .substring(4))
      + route("backend-v3", "[{name: lh, sectionName: listener-3}, {name: lh, sectionName: listener-4}]", "",
          "  - " + backend("infra-backend-v3").substring(4)));

  /** httproute-listener-hostname-matching (G1.8 step 3: exact before wildcard, wildcard = one or more labels). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {"bar.com|v1", "foo.bar.com|v2", "baz.bar.com|v3", "boo.bar.com|v3",
      "multiple.prefixes.bar.com|v3", "multiple.prefixes.foo.com|v3", "foo.com|404", "no.matching.host|404"})
  void listenerHostnameMatching(String host, String expected) {
    assertThat(get(router(LISTENER_HOSTS, "lh"), host, "/", "")).isEqualTo(expected);
  }

  // ------------------------------------------------------------------------------------------ listener isolation

  private static final KubernetesCluster ISOLATION = cluster(
      "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: iso, namespace: " + INFRA + "}\n"
      + "spec:\n  gatewayClassName: istio\n  listeners:\n"
      + "  - {name: empty-hostname, port: 80, protocol: HTTP}\n"
      + "  - {name: wildcard-example-com, port: 80, protocol: HTTP, hostname: '*.example.com'}\n"
      + "  - {name: wildcard-foo-example-com, port: 80, protocol: HTTP, hostname: '*.foo.example.com'}\n"
      + "  - {name: abc-foo-example-com, port: 80, protocol: HTTP, hostname: abc.foo.example.com}\n---\n"
      + Arrays.stream(new String[] {"empty-hostname", "wildcard-example-com", "wildcard-foo-example-com",
          "abc-foo-example-com"}).map(l -> route(l, "[{name: iso, sectionName: " + l + "}]", "",
          "  - matches: [{path: {type: PathPrefix, value: /" + l + "}}]\n" + backend("infra-backend-v1")))
          .collect(Collectors.joining()));

  /** gateway-http-listener-isolation (G1.8 step 4): only the most specific listener's routes serve a Host. */
  @Test
  void listenerIsolation() {
    Map<String, String> served = Map.of("bar.com", "empty-hostname", "bar.example.com", "wildcard-example-com",
        "bar.foo.example.com", "wildcard-foo-example-com", "abc.foo.example.com", "abc-foo-example-com");
    GatewayRouter r = router(ISOLATION, "iso");
    int checked = 0;
    for (Map.Entry<String, String> host : served.entrySet()) {
      for (String path : served.values()) {
        String expected = path.equals(host.getValue()) ? "v1" : "404";
        assertThat(get(r, host.getKey(), "/" + path, "")).as(host.getKey() + "/" + path).isEqualTo(expected);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(16);
    // without isolation and with spec-literal fall-through (AGC), a less specific listener's routes also serve
    GatewayRouter open = GatewayRouter.of(ISOLATION, ISOLATION.gateway(INFRA, "iso").orElseThrow(),
        OPTIONS.withListenerIsolation(false).withVirtualHosts(GatewayOptions.VirtualHosts.FALL_THROUGH));
    assertThat(answer(open.route(HttpRequest.get(80, "abc.foo.example.com", "/empty-hostname"))))
        .isEqualTo("infra-backend-v1");
  }

  // ------------------------------------------------------------------------------------------ path order, exact

  private static final KubernetesCluster PATHS = cluster(route("path-order", "[{name: same-namespace}]", "",
      "  - matches: [{path: {type: Exact, value: /match}}]\n" + backend("infra-backend-v1")
      + "  - matches: [{path: {type: Exact, value: /match/exact}}]\n" + backend("infra-backend-v2")
      + "  - matches: [{path: {type: Exact, value: /match/exact/one}}]\n" + backend("infra-backend-v3")
      + "  - matches: [{path: {type: PathPrefix, value: /match/}}]\n" + backend("infra-backend-v3")
      + "  - matches: [{path: {type: PathPrefix, value: /match/prefix/}}]\n" + backend("infra-backend-v1")
      + "  - matches: [{path: {type: PathPrefix, value: /match/prefix/one}}]\n" + backend("infra-backend-v2")),
      route("exact", "[{name: all-namespaces}]", "",
          "  - matches: [{path: {type: Exact, value: /one}}]\n" + backend("infra-backend-v1")
          + "  - matches: [{path: {type: Exact, value: /two}}]\n" + backend("infra-backend-v2")));

  /** httproute-path-match-order (section 2.4 steps 1-2) and httproute-exact-path-matching (R2.13). */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {"same-namespace|/match/exact/one|v3", "same-namespace|/match/exact|v2",
      "same-namespace|/match|v1", "same-namespace|/match/prefix/one/any|v2", "same-namespace|/match/prefix/any|v1",
      "same-namespace|/match/any|v3", "all-namespaces|/one|v1", "all-namespaces|/two|v2", "all-namespaces|/|404",
      "all-namespaces|/one/example|404", "all-namespaces|/two/|404", "all-namespaces|/Two|404"})
  void pathOrderAndExact(String gateway, String path, String expected) {
    assertThat(get(router(PATHS, gateway), "example.com", path, "")).isEqualTo(expected);
  }

  // ------------------------------------------------------------------------------------------ method, query

  private static final KubernetesCluster METHOD_QUERY = cluster(route("method", "[{name: same-namespace}]", "",
      "  - matches: [{method: POST}]\n" + backend("infra-backend-v1")
      + "  - matches: [{method: GET}]\n" + backend("infra-backend-v2")
      + "  - matches: [{path: {type: PathPrefix, value: /path5}}]\n" + backend("infra-backend-v1")
      + "  - matches: [{method: PATCH}]\n" + backend("infra-backend-v3")
      + "  - matches: [{headers: [{name: version, value: four}]}]\n" + backend("infra-backend-v1")
      + "  - matches: [{method: PUT, headers: [{name: version, value: five}]}]\n" + backend("infra-backend-v3")),
      route("query", "[{name: all-namespaces}]", "",
          "  - matches: [{queryParams: [{name: animal, value: whale}]}]\n" + backend("infra-backend-v1")
          + "  - matches: [{queryParams: [{name: animal, value: dolphin}]}]\n" + backend("infra-backend-v2")
          + "  - matches: [{queryParams: [{name: animal, value: dolphin}, {name: color, value: blue}]}, "
          + "{queryParams: [{name: ANIMAL, value: Whale}]}]\n" + backend("infra-backend-v3")
          + "  - matches: [{path: {type: PathPrefix, value: /path5}, queryParams: [{name: animal, value: hydra}]}]\n"
          + backend("infra-backend-v1")
          + "  - matches: [{headers: [{name: version, value: four}]}]\n" + backend("infra-backend-v3")));

  /** httproute-method-matching and httproute-query-param-matching (R2.16, R2.17, section 2.4 steps 3-5). */
  @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
  @CsvSource(delimiter = '|', value = {"same-namespace|POST|/|''|v1", "same-namespace|GET|/|''|v2",
      "same-namespace|HEAD|/|''|404", "same-namespace|PATCH|/path5|''|v1",
      "same-namespace|PATCH|/|version: four|v3", "same-namespace|PUT|/|''|404",
      "all-namespaces|GET|/?animal=dolphin&color=blue|''|v3", "all-namespaces|GET|/?ANIMAL=Whale|''|v3",
      "all-namespaces|GET|/?animal=whaledolphin|''|404", "all-namespaces|GET|/path5?animal=hydra|''|v1",
      "all-namespaces|GET|/?animal=hydra|version: four|v3", "all-namespaces|GET|/?animal=whale|''|v1"})
  void methodAndQuery(String gateway, String method, String path, String headers, String expected) {
    HttpRequest req = HttpRequest.get(80, "example.com", path).withMethod(method);
    if (!headers.isEmpty()) {
      String[] kv = headers.split(":", 2);
      req = req.withHeader(kv[0].trim(), kv[1].trim());
    }
    assertThat(answer(router(METHOD_QUERY, gateway).route(req)).replace("infra-backend-", "")).isEqualTo(expected);
  }

  // ------------------------------------------------------------------------------------------ ReferenceGrant

  private static String grant(String ns, String fromGroup, String fromKind, String fromNs, String toKind,
      String toName) {
    return "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: "
        + ns + "}\nspec:\n  from: [{group: '" + fromGroup + "', kind: " + fromKind + ", namespace: " + fromNs
        + "}]\n  to: [{group: '', kind: " + toKind + (toName.isEmpty() ? "" : ", name: " + toName) + "}]\n---\n";
  }

  private static final String WEB_ROUTE = route("reference-grant", "[{name: same-namespace}]", "",
      "  - backendRefs: [{name: web-backend, namespace: gateway-conformance-web-backend, port: 8080}]\n");

  /** httproute-reference-grant, httproute-invalid-reference-grant variants, -invalid-cross-namespace-backend-ref. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "gateway-conformance-web-backend,gateway.networking.k8s.io,HTTPRoute,gateway-conformance-infra,Service,"
          + "web-backend|web-backend",
      "gateway-conformance-web-backend,gateway.networking.k8s.io,HTTPRoute,gateway-conformance-infra,Service,|"
          + "web-backend",
      "none|500",
      "gateway-conformance-app-backend,gateway.networking.k8s.io,HTTPRoute,gateway-conformance-infra,Service,"
          + "web-backend|500",
      "gateway-conformance-web-backend,gateway.networking.k8s.io,HTTPRoute,default,Service,web-backend|500",
      "gateway-conformance-web-backend,not-the-group,HTTPRoute,gateway-conformance-infra,Service,web-backend|500",
      "gateway-conformance-web-backend,gateway.networking.k8s.io,GRPCRoute,gateway-conformance-infra,Service,"
          + "web-backend|500",
      "gateway-conformance-web-backend,gateway.networking.k8s.io,HTTPRoute,gateway-conformance-infra,Secret,"
          + "web-backend|500",
      "gateway-conformance-web-backend,gateway.networking.k8s.io,HTTPRoute,gateway-conformance-infra,Service,"
          + "not-web-backend|500"})
  void referenceGrant(String grant, String expected) {
    String[] g = grant.split(",", -1);
    KubernetesCluster c = grant.equals("none") ? cluster(WEB_ROUTE)
        : cluster(WEB_ROUTE, grant(g[0], g[1], g[2], g[3], g[4], g[5]));
    assertThat(get(router(c, "same-namespace"), "example.com", "/", "")).isEqualTo(expected);
  }

  /** httproute-partially-invalid-via-invalid-reference-grant: the route stays accepted, one rule answers 500. */
  @Test
  void partiallyInvalidViaReferenceGrant() {
    KubernetesCluster c = cluster(grant("gateway-conformance-app-backend", "gateway.networking.k8s.io", "HTTPRoute",
        INFRA, "Service", "app-backend-v1"), route("invalid-reference-grant", "[{name: same-namespace}]", "",
        "  - matches: [{path: {type: PathPrefix, value: /v2}}]\n    backendRefs: [{name: app-backend-v2, namespace: "
        + "gateway-conformance-app-backend, port: 8080}]\n"
        + "  - backendRefs: [{name: app-backend-v1, namespace: gateway-conformance-app-backend, port: 8080}]\n"));
    GatewayRouter r = router(c, "same-namespace");
    assertThat(get(r, "example.com", "/v2", "")).isEqualTo("500");
    assertThat(get(r, "example.com", "/", "")).isEqualTo("app-backend-v1");
    assertThat(r.attachments().routeStatuses()).allMatch(RouteAttachments.RouteStatus::accepted);
  }

  // ------------------------------------------------------------------------------------------ invalid backends

  /** httproute-invalid-nonexistent-backendref, -backendref-unknown-kind, -omitted-backendrefs, weight 0 (R2.26). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "  - backendRefs: [{name: nonexistent, port: 8080}]|500",
      "  - backendRefs: [{group: unknown.example.com, kind: Unknown, name: infra-backend-v1, port: 8080}]|500",
      "  - matches: [{path: {type: PathPrefix, value: /}}]|500",
      "  - backendRefs: []|500",
      "  - backendRefs: [{name: infra-backend-v1, port: 8080, weight: 0}]|500",
      "  - backendRefs: [{name: infra-backend-v1, port: 9999}]|500"})
  void invalidBackends(String rule, String expected) {
    KubernetesCluster c = cluster(route("invalid", "[{name: same-namespace}]", "", "  " + rule.strip() + "\n"));
    assertThat(get(router(c, "same-namespace"), "example.com", "/", "")).isEqualTo(expected);
  }

  /** httproute-weight: 70/30/0, and a Service without ready endpoints answers 503 for its share (R2.26). */
  @Test
  void weights() {
    KubernetesCluster c = cluster(route("weights", "[{name: same-namespace}]", "",
        "  - backendRefs: [{name: infra-backend-v1, port: 8080, weight: 70}, {name: infra-backend-v2, port: 8080, "
        + "weight: 30}, {name: infra-backend-v3, port: 8080, weight: 0}]\n"));
    GatewayOutcome.Routed r = (GatewayOutcome.Routed) router(c, "same-namespace")
        .route(HttpRequest.get(80, "example.com", "/"));
    assertThat(r.shares()).extracting(s -> s.ref().name()).containsExactly("infra-backend-v1", "infra-backend-v2");
    assertThat(r.shares()).extracting(BackendShare::fraction).containsExactly(0.7, 0.3);
    assertThat(r.forwardedFraction()).isEqualTo(1.0);
    KubernetesCluster noPods = cluster(route("weights", "[{name: same-namespace}]", "",
        "  - backendRefs: [{name: empty, port: 8080}]\n"), "apiVersion: v1\nkind: Service\nmetadata: {name: empty, "
        + "namespace: " + INFRA + "}\nspec: {selector: {app: none}, ports: [{port: 8080}]}\n");
    assertThat(get(router(noPods, "same-namespace"), "example.com", "/", "")).isEqualTo("503");
  }

  // ------------------------------------------------------------------------------------------ attachment statuses

  /** httproute-invalid-cross-namespace-parent-ref, -parentref-not-matching-section-name (R2.3, G1.13). */
  @Test
  void attachmentRefusals() {
    String foreign = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: foreign, "
        + "namespace: gateway-conformance-web-backend}\nspec:\n  parentRefs: [{name: same-namespace, namespace: "
        + INFRA + "}]\n  rules:\n  - backendRefs: [{name: web-backend, port: 8080}]\n---\n";
    KubernetesCluster c = cluster(foreign, route("bad-section", "[{name: same-namespace, sectionName: nope}]", "",
        "  - " + backend("infra-backend-v1").substring(4)), route("bad-port", "[{name: same-namespace, port: 81}]",
        "", "  - " + backend("infra-backend-v1").substring(4)));
    Map<String, String> reasons = router(c, "same-namespace").attachments().routeStatuses().stream()
        .collect(Collectors.toMap(s -> s.route().name(), RouteAttachments.RouteStatus::reason));
    assertThat(reasons).containsEntry("foreign", "NotAllowedByListeners").containsEntry("bad-section",
        "NoMatchingParent").containsEntry("bad-port", "NoMatchingParent");
    assertThat(get(router(c, "same-namespace"), "example.com", "/", "")).isEqualTo("404");
    // the Selector gateway admits namespaces labelled gateway-conformance=backend only
    String fromApp = foreign.replace("gateway-conformance-web-backend", "gateway-conformance-app-backend")
        .replace("same-namespace", "backend-namespaces").replace("web-backend, port", "app-backend-v1, port");
    KubernetesCluster sel = cluster(fromApp);
    assertThat(get(router(sel, "backend-namespaces"), "example.com", "/", "")).isEqualTo("app-backend-v1");
  }

  // ------------------------------------------------------------------------------------------ redirects

  /** httproute-redirect-scheme / -port / -path (R2.32): answered by the gateway. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{scheme: https}|302 https://example.com/a/b?x=1",
      "{scheme: https, statusCode: 301}|301 https://example.com/a/b?x=1",
      "{port: 8083}|302 http://example.com:8083/a/b?x=1",
      "{hostname: example.org}|302 http://example.org/a/b?x=1",
      "{path: {type: ReplaceFullPath, replaceFullPath: /full}}|302 http://example.com/full?x=1",
      "{path: {type: ReplacePrefixMatch, replacePrefixMatch: /z}}|302 http://example.com/z/b?x=1"})
  void redirects(String redirect, String expected) {
    KubernetesCluster c = cluster(route("redirect", "[{name: same-namespace}]", "",
        "  - matches: [{path: {type: PathPrefix, value: /a}}]\n    filters: [{type: RequestRedirect, "
        + "requestRedirect: " + redirect + "}]\n"));
    assertThat(answer(router(c, "same-namespace").route(HttpRequest.get(80, "example.com:80", "/a/b?x=1"))))
        .isEqualTo(expected);
  }

  @Test
  void noListenerOnThePort() {
    assertThat(router(MATCHING, "same-namespace").route(HttpRequest.get(443, "example.com", "/")))
        .isEqualTo(new GatewayOutcome.NoListener(443));
  }

  @Test
  void listenerSelectionIsByPortThenHostname() {
    Gateway gw = LISTENER_HOSTS.gateway(INFRA, "lh").orElseThrow();
    GatewayRouter r = GatewayRouter.of(LISTENER_HOSTS, gw, OPTIONS);
    assertThat(r.listenerFor(HttpRequest.get(80, "x.foo.bar.com", "/"))).map(l -> l.listener().name())
        .contains("listener-3");
    assertThat(r.listenerFor(HttpRequest.get(80, "foo.bar.com", "/"))).map(l -> l.listener().name())
        .contains("listener-2");
    assertThat(r.listenerFor(HttpRequest.get(8080, "foo.bar.com", "/"))).isEmpty();
  }
}
