package io.github.aksreach.k8s.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.LoadNote;
import io.github.aksreach.k8s.load.Loaded;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.BackendRef;
import io.github.aksreach.k8s.model.HttpRoute;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ValueMatch;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Gateway API and AuthorizationPolicy loaders: what they read, and bad input as errors naming file and path. */
class GatewayLoaderTest {
  private static Validation<Seq<ModelError>, Loaded<KubernetesCluster>> load(String text) {
    return KubernetesLoader.create().loadString("in.yaml", text);
  }

  private static final String GW = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n"
      + "metadata: {name: gw, namespace: infra}\nspec:\n  gatewayClassName: istio\n  listeners:\n";

  @Test
  void readsAnHttpRouteCompletely() {
    KubernetesCluster c = load("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n"
        + "metadata: {name: r, namespace: app, creationTimestamp: '2026-11-01T00:00:00Z'}\nspec:\n"
        + "  parentRefs: [{name: gw, namespace: infra, sectionName: https, port: 443}]\n"
        + "  hostnames: [www.example.com, '*.example.org']\n  rules:\n"
        + "  - matches:\n    - path: {type: Exact, value: /a}\n      method: POST\n"
        + "      headers: [{name: X-Env, value: prod}, {type: RegularExpression, name: v, value: '^1\\.[0-9]+$'}]\n"
        + "      queryParams: [{name: q, value: '1'}]\n"
        + "    filters: [{type: URLRewrite, urlRewrite: {hostname: backend.local, path: {type: ReplaceFullPath, "
        + "replaceFullPath: /b}}}]\n"
        + "    backendRefs: [{name: web, port: 8080, weight: 90}, {name: web2, namespace: other, port: 80, weight: 10}]\n")
        .get().value();
    HttpRoute r = c.httpRoutes().get(0);
    assertThat(r.parentRefs().get(0).sectionName()).contains("https");
    assertThat(r.parentRefs().get(0).port()).isEqualTo(OptionalInt.of(443));
    assertThat(r.hostnames()).containsExactly("www.example.com", "*.example.org");
    HttpRoute.Match m = r.rules().get(0).matches().get(0);
    assertThat(m.path()).isEqualTo(new HttpRoute.PathMatch(HttpRoute.PathType.EXACT, "/a"));
    assertThat(m.method()).contains("POST");
    assertThat(m.headers()).containsExactly(ValueMatch.exact("X-Env", "prod"),
        new ValueMatch(ValueMatch.Type.REGULAR_EXPRESSION, "v", "^1\\.[0-9]+$"));
    assertThat(r.rules().get(0).rewrite()).contains(new HttpRoute.Rewrite(Optional.of("backend.local"),
        Optional.of(new HttpRoute.PathModifier(HttpRoute.PathModifierType.REPLACE_FULL_PATH, "/b"))));
    assertThat(r.rules().get(0).backendRefs()).containsExactly(BackendRef.service("web", 8080).withWeight(90),
        BackendRef.service("web2", 80).inNamespace("other").withWeight(10));
  }

  @Test
  void readsAnAuthorizationPolicy() {
    AuthorizationPolicy p = load("apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\n"
        + "metadata: {name: deny-admin, namespace: gateway}\nspec:\n  selector:\n    matchLabels: "
        + "{gateway.networking.k8s.io/gateway-name: web}\n  action: DENY\n  rules:\n  - from:\n    - source:\n"
        + "        notRemoteIpBlocks: [203.0.113.0/24]\n    to:\n    - operation: {paths: ['/admin*'], ports: ['80']}\n"
        + "    when: [{key: 'request.headers[x-env]', values: [prod]}]\n").get().value().authorizationPolicies().get(0);
    assertThat(p.action()).isEqualTo(AuthorizationPolicy.Action.DENY);
    assertThat(p.selector()).contains(java.util.Map.of("gateway.networking.k8s.io/gateway-name", "web"));
    assertThat(p.rules().get(0).from().get(0).notRemoteIpBlocks()).hasSize(1);
    assertThat(p.rules().get(0).to().get(0).paths()).containsExactly("/admin*");
    assertThat(p.rules().get(0).when().get(0).key()).isEqualTo("request.headers[x-env]");
  }

  private static final String ROUTE = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: "
      + "{name: r, namespace: app}\nspec:\n  parentRefs: [{name: gw}]\n  rules:\n";
  private static final String AP = "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: "
      + "{name: p, namespace: gateway}\nspec:\n";

  private static Arguments bad(String yaml, String expected) {
    return Arguments.of(yaml, expected);
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        bad(GW + "  - {name: http, protocol: HTTP}\n",
            "in.yaml: spec.listeners[0].port: listener 'http' has no port (required) (Gateway infra/gw)"),
        bad(GW + "  - {name: http, port: 80, protocol: HTTP, hostname: 'Foo.example.com'}\n",
            "in.yaml: spec.listeners[0].hostname: invalid hostname 'Foo.example.com'"),
        bad(GW + "  - {name: a, port: 80, protocol: HTTP}\n  - {name: a, port: 81, protocol: HTTP}\n",
            "in.yaml: spec.listeners[1].name: duplicate listener name 'a'"),
        bad(GW + "  - {name: t, port: 9000, protocol: TCP, hostname: a.com}\n",
            "in.yaml: spec.listeners[0].hostname: hostname is not allowed on a TCP listener"),
        bad(GW + "  - {name: h, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Some}}}\n",
            "in.yaml: spec.listeners[0].allowedRoutes.namespaces.from: invalid value 'Some'"),
        bad("apiVersion: gateway.networking.k8s.io/v1alpha1\nkind: HTTPRoute\nmetadata: {name: r, namespace: a}\n",
            "in.yaml: apiVersion: unknown apiVersion 'gateway.networking.k8s.io/v1alpha1' for HTTPRoute"),
        bad(ROUTE + "  - matches: [{path: {type: Prefix, value: /a}}]\n",
            "in.yaml: spec.rules[0].matches[0].path.type: invalid value 'Prefix': expected Exact, PathPrefix, "
            + "RegularExpression"),
        bad(ROUTE + "  - matches: [{path: {value: a}}]\n",
            "in.yaml: spec.rules[0].matches[0].path.value: path 'a' must start"),
        bad(ROUTE + "  - matches: [{method: FETCH}]\n",
            "in.yaml: spec.rules[0].matches[0].method: invalid method 'FETCH'"),
        bad(ROUTE + "  - backendRefs: [{name: web}]\n",
            "in.yaml: spec.rules[0].backendRefs[0].port: backendRef to Service 'web' has no port"),
        bad(ROUTE + "  - backendRefs: [{name: web, port: 80, weight: -1}]\n",
            "in.yaml: spec.rules[0].backendRefs[0].weight: weight -1 is out of range"),
        bad(ROUTE + "  - filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]\n"
            + "    backendRefs: [{name: web, port: 80}]\n",
            "in.yaml: spec.rules[0].backendRefs: a rule with a RequestRedirect filter cannot have backendRefs"),
        bad(ROUTE + "  - filters: [{type: RequestRedirect, requestRedirect: {statusCode: 305}}]\n",
            "in.yaml: spec.rules[0].filters[0].requestRedirect.statusCode: invalid statusCode 305"),
        bad(AP + "  selector: {matchLabels: {app: x}}\n  targetRefs: [{group: gateway.networking.k8s.io, "
            + "kind: Gateway, name: web}]\n",
            "in.yaml: spec.targetRefs: selector and targetRefs are mutually exclusive"),
        bad(AP + "  rules:\n  - from: [{source: {ipBlocks: [10.0.0.0/33]}}]\n",
            "in.yaml: spec.rules[0].from[0].source.ipBlocks[0]: invalid prefix"),
        bad(AP + "  action: CUSTOM\n  rules: [{}]\n", "in.yaml: spec.provider: a CUSTOM policy needs provider.name"));
  }

  /** Each bad input is one error naming the file and the YAML path of the offending value. */
  @ParameterizedTest(name = "{1}")
  @MethodSource("badInputs")
  void badInputNamesFileAndPath(String yaml, String expected) {
    String text = yaml;
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = load(text);
    assertThat(r.isInvalid()).as(text).isTrue();
    assertThat(r.getError().map(ModelError::toString).mkString("\n")).startsWith(expected);
  }

  @Test
  void anIstioNetworkingGatewayIsSkippedWithANote() {
    Loaded<KubernetesCluster> l = load("apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g, "
        + "namespace: istio-system}\nspec: {selector: {istio: ingressgateway}}\n").get();
    assertThat(l.value().gateways()).isEmpty();
    assertThat(l.notes()).extracting(LoadNote::message).anyMatch(m -> m.contains("skipped Gateway "
        + "networking.istio.io/v1 istio-system/g"));
  }

  @Test
  void aRouteWithoutRulesGetsTheDefaultRuleAndAnswers500() {
    KubernetesCluster c = load(GW + "  - {name: http, port: 80, protocol: HTTP}\n---\n"
        + "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: infra}\n"
        + "spec:\n  parentRefs: [{name: gw}]\n").get().value();
    assertThat(c.httpRoutes().get(0).rules()).hasSize(1);
    GatewayOutcome o = GatewayRouter.of(c, c.gateways().get(0), GatewayOptions.defaults())
        .route(HttpRequest.get(80, "a.com", "/x"));
    assertThat(o).isInstanceOf(GatewayOutcome.Answered.class);
    assertThat(((GatewayOutcome.Answered) o).status()).isEqualTo(500);
    assertThat(List.of(c.counts().get("HTTPRoute"))).containsExactly(1);
  }
}
