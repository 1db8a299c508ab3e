package io.github.aksreach.k8s.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ParentRef;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.TrafficPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Istio authorization (DOMAIN-GATEWAY 5.1, 5.2) for one request at a gateway pod. */
class AuthorizationEvaluatorTest {
  private static final GatewayOptions O = GatewayOptions.defaults();
  private static final IpAddress NODE = IpAddress.of("10.224.0.4");
  private static final IpAddress CLIENT = IpAddress.of("198.51.100.7");

  private static AuthorizationPolicy allow(AuthorizationPolicy.Rule... rules) {
    return AuthorizationPolicy.builder().namespace("gw").name("allow").addRules(rules).build();
  }

  private static AuthzRequest at(HttpRequest r, IpAddress peer, int trusted) {
    return AuthzRequest.of(r, IstioClientAddress.of(peer, r.header("X-Forwarded-For"), trusted));
  }

  private static boolean allowed(List<AuthorizationPolicy> ps, AuthzRequest r) {
    return AuthorizationEvaluator.evaluate(ps, r, O).allowed();
  }

  /** The table of section 5.2: which address ipBlocks and remoteIpBlocks see. */
  @ParameterizedTest(name = "ETP {0}, N={1}, XFF ''{2}'' -> source {3}, remote {4}")
  @CsvSource(delimiter = '|', value = {
      "CLUSTER|0|''|10.224.0.4|10.224.0.4",
      "CLUSTER|0|1.2.3.4|10.224.0.4|10.224.0.4",
      "CLUSTER|1|''|10.224.0.4|10.224.0.4",
      "CLUSTER|1|1.2.3.4|10.224.0.4|1.2.3.4",
      "LOCAL|0|1.2.3.4|198.51.100.7|198.51.100.7",
      "LOCAL|1|1.2.3.4|198.51.100.7|1.2.3.4",
      "LOCAL|1|6.6.6.6, 203.0.113.9|198.51.100.7|203.0.113.9",
      "LOCAL|2|6.6.6.6, 203.0.113.9|198.51.100.7|6.6.6.6"})
  void sourceAndRemoteIp(String etp, int n, String xff, String source, String remote) {
    IpAddress peer = IstioClientAddress.peer(TrafficPolicy.valueOf(etp), CLIENT, NODE, true, O);
    IstioClientAddress a = IstioClientAddress.of(peer, xff.isEmpty() ? Optional.empty() : Optional.of(xff), n);
    assertThat(a.sourceIp()).isEqualTo(IpAddress.of(source));
    assertThat(a.remoteIp()).isEqualTo(IpAddress.of(remote));
  }

  @Test
  void anEbpfDatapathKeepsTheClientOnTheNodeThatHostsTheGatewayPod() {
    GatewayOptions cilium = O.withClusterPolicySnat(GatewayOptions.ClusterPolicySnat.CROSS_NODE_ONLY);
    assertThat(IstioClientAddress.peer(TrafficPolicy.CLUSTER, CLIENT, NODE, true, cilium)).isEqualTo(CLIENT);
    assertThat(IstioClientAddress.peer(TrafficPolicy.CLUSTER, CLIENT, NODE, false, cilium)).isEqualTo(NODE);
  }

  /** S5.10 (a) and (b): ipBlocks under ETP Cluster refuses everyone; remoteIpBlocks with N=1 is spoofable. */
  @Test
  void theMigrationPitfalls() {
    AuthorizationPolicy ipBlocks = allow(AuthorizationPolicy.Rule.from(AuthorizationPolicy.Source.ipBlocks(
        IpPrefix.of("198.51.100.0/24"))));
    HttpRequest req = HttpRequest.get(80, "www.example.com", "/");
    assertThat(allowed(List.of(ipBlocks), at(req, NODE, 0))).isFalse();
    assertThat(allowed(List.of(ipBlocks), at(req, CLIENT, 0))).isTrue();
    AuthorizationPolicy remote = allow(AuthorizationPolicy.Rule.from(AuthorizationPolicy.Source.remoteIpBlocks(
        IpPrefix.of("198.51.100.0/24"))));
    IpAddress attacker = IpAddress.of("203.0.113.66");
    assertThat(allowed(List.of(remote), at(req, attacker, 1))).isFalse();
    assertThat(allowed(List.of(remote), at(req.withHeader("X-Forwarded-For", "198.51.100.1"), attacker, 1)))
        .isTrue();
    assertThat(allowed(List.of(remote), at(req.withHeader("X-Forwarded-For", "198.51.100.1"), attacker, 0)))
        .isFalse();
  }

  /** S5.2 and S5.3: order CUSTOM, DENY, ALLOW; no rules never match; an empty rule matches all. */
  @Test
  void evaluationOrderAndEmptyPolicies() {
    HttpRequest req = HttpRequest.get(80, "www.example.com", "/admin/x");
    AuthzRequest r = at(req, CLIENT, 0);
    AuthorizationPolicy denyNothing = AuthorizationPolicy.builder().namespace("gw").name("spec-empty").build();
    assertThat(allowed(List.of(), r)).isTrue();
    assertThat(allowed(List.of(denyNothing), r)).as("ALLOW with spec: {} denies everything").isFalse();
    assertThat(allowed(List.of(allow(AuthorizationPolicy.Rule.ANY)), r)).isTrue();
    AuthorizationPolicy denyAdmin = AuthorizationPolicy.builder().namespace("gw").name("deny-admin")
        .action(AuthorizationPolicy.Action.DENY).addRules(AuthorizationPolicy.Rule.ANY.withTo(List.of(
            AuthorizationPolicy.Operation.paths("/admin*")))).build();
    AuthzDecision d = AuthorizationEvaluator.evaluate(List.of(allow(AuthorizationPolicy.Rule.ANY), denyAdmin), r, O);
    assertThat(d.allowed()).isFalse();
    assertThat(d.decidedBy()).contains(denyAdmin);
    assertThat(d.status()).contains(403);
    AuthorizationPolicy audit = denyAdmin.withAction(AuthorizationPolicy.Action.AUDIT).withName("audit");
    assertThat(allowed(List.of(audit), r)).as("AUDIT never decides").isTrue();
    AuthorizationPolicy custom = denyAdmin.withAction(AuthorizationPolicy.Action.CUSTOM).withName("ext")
        .withProvider("oauth2-proxy");
    AuthzDecision c = AuthorizationEvaluator.evaluate(List.of(custom), r, O);
    assertThat(c.allowed()).isTrue();
    assertThat(c.assumedCustomProviders()).containsExactly("oauth2-proxy");
    assertThat(AuthorizationEvaluator.evaluate(List.of(custom), r, O.withAssumeCustomProviderAllows(false))
        .allowed()).isFalse();
  }

  /** S5.5: Istio's own matching of hosts (port included), paths (string prefix, templates, dot segments). */
  @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "paths|/app*|/application|true", "paths|/app/*|/application|false", "paths|*.css|/a/b.css|true",
      "paths|/api/{*}/x|/api/v1/x|true", "paths|/api/{*}/x|/api/v1/v2/x|false", "paths|/api/{**}|/api/v1/v2|true",
      "paths|/admin|/public/../admin|true", "paths|/admin|/admin/|false",
      "hosts|www.example.com|www.example.com|true", "hosts|www.example.com|WWW.Example.com|true",
      "hosts|www.example.com|www.example.com:8080|false", "hosts|*.example.com|a.example.com:8080|false",
      "hosts|*.example.com|a.b.example.com|true", "hosts|www.*|www.example.org|true"})
  void istioMatching(String field, String pattern, String value, boolean expected) {
    AuthorizationPolicy.Operation op = field.equals("paths") ? AuthorizationPolicy.Operation.paths(pattern)
        : AuthorizationPolicy.Operation.hosts(pattern);
    HttpRequest req = field.equals("paths") ? HttpRequest.get(80, "h", value) : HttpRequest.get(80, value, "/");
    assertThat(allowed(List.of(allow(AuthorizationPolicy.Rule.ANY.withTo(List.of(op)))), at(req, CLIENT, 0)))
        .isEqualTo(expected);
  }

  @Test
  void conditionsOnHeadersAndUnknownKeys() {
    AuthorizationPolicy.Rule env = new AuthorizationPolicy.Rule(List.of(), List.of(), List.of(
        new AuthorizationPolicy.Condition("request.headers[x-env]", List.of("prod"), List.of())));
    HttpRequest req = HttpRequest.get(80, "h", "/");
    assertThat(allowed(List.of(allow(env)), at(req, CLIENT, 0))).isFalse();
    assertThat(allowed(List.of(allow(env)), at(req.withHeader("X-Env", "prod"), CLIENT, 0))).isTrue();
    AuthorizationPolicy.Rule unknown = new AuthorizationPolicy.Rule(List.of(), List.of(), List.of(
        new AuthorizationPolicy.Condition("experimental.envoy.filters.x", List.of("v"), List.of())));
    assertThat(allowed(List.of(allow(unknown)), at(req, CLIENT, 0))).as("unknown key never matches in ALLOW")
        .isFalse();
    AuthorizationPolicy deny = AuthorizationPolicy.builder().namespace("gw").name("d")
        .action(AuthorizationPolicy.Action.DENY).addRules(unknown).build();
    assertThat(allowed(List.of(deny), at(req, CLIENT, 0))).as("unknown key always matches in DENY").isFalse();
  }

  /** S5.1: selector, targetRefs, the root namespace, and the label Istio 1.24+ no longer sets. */
  @Test
  void whichPoliciesApplyToAGatewayPod() {
    Gateway gw = Gateway.builder().namespace("gw").name("web").gatewayClassName("istio")
        .addListeners(Gateway.Listener.http("http", 80)).build();
    Pod pod = Pod.builder().namespace("gw").name("web-istio-1").putLabels(IstioDataPlane.GATEWAY_NAME_LABEL, "web")
        .build();
    AuthorizationPolicy byTarget = AuthorizationPolicy.builder().namespace("gw").name("t")
        .addTargetRefs(new AuthorizationPolicy.TargetRef(ParentRef.GATEWAY_GROUP, "Gateway", "web")).build();
    AuthorizationPolicy byNewLabel = AuthorizationPolicy.builder().namespace("gw").name("new")
        .selector(Map.of(IstioDataPlane.GATEWAY_NAME_LABEL, "web")).build();
    AuthorizationPolicy byOldLabel = AuthorizationPolicy.builder().namespace("gw").name("old")
        .selector(Map.of("istio.io/gateway-name", "web")).build();
    AuthorizationPolicy namespaceWide = AuthorizationPolicy.builder().namespace("gw").name("ns").build();
    AuthorizationPolicy root = AuthorizationPolicy.builder().namespace("aks-istio-system").name("root").build();
    AuthorizationPolicy otherNs = AuthorizationPolicy.builder().namespace("app").name("other").build();
    AuthorizationPolicy byClass = AuthorizationPolicy.builder().namespace("aks-istio-system").name("class")
        .addTargetRefs(new AuthorizationPolicy.TargetRef(ParentRef.GATEWAY_GROUP, "GatewayClass", "istio")).build();
    KubernetesCluster c = KubernetesCluster.builder().addAuthorizationPolicies(byTarget, byNewLabel, byOldLabel,
        namespaceWide, root, otherNs, byClass).build();
    assertThat(AuthorizationEvaluator.applicable(c, pod, Optional.of(gw), O)).extracting(AuthorizationPolicy::name)
        .containsExactly("t", "new", "ns", "root", "class");
  }
}
