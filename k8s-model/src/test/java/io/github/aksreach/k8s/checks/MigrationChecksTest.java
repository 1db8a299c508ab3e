package io.github.aksreach.k8s.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.Finding;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the migration checks say, with the DOMAIN-GATEWAY facts they rest on (the catalog test only asserts that each
 * fires on its violating scenario and stays quiet on the fixed one).
 */
class MigrationChecksTest {
  private static List<Finding> findings(Check<CheckContext> c, CheckContext ctx) {
    return c.evaluate(ctx).findings();
  }

  private static CheckContext violating(String id) {
    return CheckCatalogTest.load(CheckCatalogTest.dir(id, "violating"));
  }

  private static Finding only(Check<CheckContext> c) {
    List<Finding> f = findings(c, violating(c.id()));
    assertThat(f).hasSize(1);
    return f.get(0);
  }

  /**
   * A4.11 and 4.3 (row "ETP=Local, annotations left in place"), DOMAIN.md 3.2: the Local probe ignores the protocol and
   * request-path annotations, and port_80_health-probe_port moves it from healthCheckNodePort to 15021's nodePort; the
   * finding says what the load-balancer model derives.
   */
  @Test
  void probeAnnotationsLeftUnderLocalMoveTheProbeToTheStatusPort() {
    CheckContext ctx = violating(MigrationChecks.PROBE_ANNOTATIONS_UNDER_LOCAL_POLICY.id());
    Finding f = only(MigrationChecks.PROBE_ANNOTATIONS_UNDER_LOCAL_POLICY);
    assertThat(f.message()).contains("Service gateway/web-istio uses externalTrafficPolicy Local")
        .contains("service.beta.kubernetes.io/port_80_health-probe_request-path: /healthz/ready")
        .contains("moves the probe of port 80 from healthCheckNodePort 32021 to Http /healthz on nodePort 31021 "
            + "(of Service port 15021)")
        .contains("the Service of Gateway gateway/web");
    assertThat(f.fix()).contains("set these annotations to null");
    // what the message says is what cloud-provider-azure's derivation writes for the port-80 rule
    var probe = ctx.analysis().network().loadBalancing().rules().stream()
        .filter(r -> r.frontendPort() == 80 && r.service().map(x -> x.name().equals("web-istio")).orElse(false))
        .findFirst().orElseThrow().probe().orElseThrow();
    assertThat(probe.port()).isEqualTo(31021);
    assertThat(probe.requestPath()).contains("/healthz");
  }

  /** A4.11 / DOMAIN.md 3.2: under Cluster the annotations are the probe; under Local interval alone misleads nobody. */
  @Test
  void probeAnnotationsAreFlaggedOnlyWhereLocalIgnoresOrMovesThem() {
    CheckContext ctx = violating(MigrationChecks.PROBE_ANNOTATIONS_UNDER_LOCAL_POLICY.id());
    Scenario s = ctx.scenario();
    java.util.function.Function<java.util.function.UnaryOperator<Service>, List<Finding>> with = f -> {
      KubernetesCluster k = s.kubernetes().withServices(s.kubernetes().services().stream()
          .map(x -> x.name().equals("web-istio") ? f.apply(x) : x).toList());
      return findings(MigrationChecks.PROBE_ANNOTATIONS_UNDER_LOCAL_POLICY, CheckContext.of(new Scenario(s.name(),
          s.azure(), k, s.aks(), s.config(), s.notes())));
    };
    assertThat(with.apply(x -> x.withExternalTrafficPolicy(io.github.aksreach.k8s.model.TrafficPolicy.CLUSTER)))
        .isEmpty();
    assertThat(with.apply(x -> x.withAnnotations(java.util.Map.of(
        "service.beta.kubernetes.io/azure-load-balancer-health-probe-interval", "10")))).isEmpty();
    assertThat(with.apply(x -> x.withAnnotations(java.util.Map.of(
        "service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path", "/ready"))))
        .singleElement().satisfies(f -> assertThat(f.message())
            .contains("ignores service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path: /ready")
            .doesNotContain("moves the probe"));
  }

  /** 6.1 (allowlist-source-range row): ingress2gateway's standard emitter drops the allow-list; exact CIDRs. */
  @Test
  void theLostAllowListNamesExactlyTheSourcesThatGainedAccess() {
    Finding f = only(MigrationChecks.ALLOWLIST_LOST_IN_MIGRATION);
    assertThat(f.message()).contains("Ingress default/simpleapi admits only 198.51.100.0/24 to "
        + "http://demoapi.example.com/weatherforecast").contains("0.0.0.0/1, 128.0.0.0/2")
        .contains("198.51.101.0/24").doesNotContain("198.51.100.0/24 as well");
    assertThat(f.fix()).contains("ipBlocks 198.51.100.0/24");
  }

  /** S5.10a, A4.14: under ETP Cluster the gateway sees node addresses, so the allowed office gets 403. */
  @Test
  void ipBlocksUnderClusterRefuseTheAllowedClients() {
    Finding f = only(MigrationChecks.AUTHZ_IPBLOCKS_UNDER_CLUSTER_POLICY);
    assertThat(f.message()).contains("the clients it allows (198.51.100.0/24) get 403");
    assertThat(f.evidence().text()).contains("source.ip 10.10.1.4, admitted nobody")
        .contains("source.ip 10.10.1.5, admitted nobody");
  }

  /** S5.10a, second half: listing the node subnet admits every client whose connection lands on such a node. */
  @Test
  void ipBlocksListingTheNodeSubnetAdmitEveryoneUnderCluster() {
    CheckContext ctx = violating(MigrationChecks.AUTHZ_IPBLOCKS_UNDER_CLUSTER_POLICY.id());
    Scenario s = ctx.scenario();
    KubernetesCluster k = s.kubernetes().withAuthorizationPolicies(AuthorizationPolicy.builder().namespace("gateway")
        .name("allow-office-and-nodes").action(AuthorizationPolicy.Action.ALLOW)
        .addTargetRefs(new AuthorizationPolicy.TargetRef("gateway.networking.k8s.io", "Gateway", "web"))
        .addRules(AuthorizationPolicy.Rule.from(AuthorizationPolicy.Source.ipBlocks(
            IpPrefix.of("198.51.100.0/24"), IpPrefix.of("10.10.1.0/24")))).build());
    List<Finding> f = findings(MigrationChecks.AUTHZ_IPBLOCKS_UNDER_CLUSTER_POLICY, CheckContext.of(new Scenario(
        s.name(), s.azure(), k, s.aks(), s.config(), s.notes())));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).message()).contains("clients it does not allow (0.0.0.0/5, 8.0.0.0/7, 10.0.0.0/13")
        .contains("pass because node addresses are listed").doesNotContain("get 403");
  }

  /** A4.7, S5.1: the label the Istio task page shows is not on gateway pods since Istio 1.24. */
  @Test
  void theLegacyGatewayNameLabelSelectsNothing() {
    Finding f = only(MigrationChecks.AUTHZ_POLICY_SELECTS_NO_GATEWAY_POD);
    assertThat(f.message()).contains("selects {istio.io/gateway-name=web}").contains("Istio 1.24 (A4.7)")
        .contains("the gateway admits every client");
    assertThat(f.location().orElseThrow().toString()).contains("gateway-api.yaml");
  }

  /** S5.10b, A4.16: with one trusted hop and nothing in front, the client's own X-Forwarded-For is remote.ip. */
  @Test
  void remoteIpBlocksAreChosenByTheClient() {
    Finding f = only(MigrationChecks.REMOTE_IPBLOCKS_SPOOFABLE);
    assertThat(f.evidence().text()).contains("a client at 203.0.113.10 (peer 203.0.113.10) gets 403")
        .contains("X-Forwarded-For: 198.51.100.0 is admitted");
  }

  /** A4.13: the status port gets an LB rule and cloud-provider-azure's Internet NSG rule (traced through the graph). */
  @Test
  void theStatusPortIsTracedFromTheInternet() {
    Finding f = only(MigrationChecks.GATEWAY_STATUS_PORT_PUBLIC);
    assertThat(f.message()).startsWith("status port 20.50.60.70:15021 of Gateway gateway/web")
        .contains("1.0.0.0/8").doesNotContain("10.0.0.0/8");
  }

  /** A4.6, A4.13: without the generated Service in the dump, the answer comes from the derived Service model. */
  @Test
  void aDerivedServiceIsJudgedFromTheServiceModel() {
    CheckContext ctx = violating(MigrationChecks.GATEWAY_STATUS_PORT_PUBLIC.id());
    Scenario s = ctx.scenario();
    KubernetesCluster k = s.kubernetes().withServices(s.kubernetes().services().stream()
        .filter(x -> !x.name().equals("web-istio")).toList());
    List<Finding> f = findings(MigrationChecks.GATEWAY_STATUS_PORT_PUBLIC, CheckContext.of(new Scenario(s.name(),
        s.azure(), k, s.aks(), s.config(), s.notes())));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).message()).contains("gateway/web-istio, derived");
    assertThat(f.get(0).evidence().text()).contains("not traced");
  }

  /** A4.11 and 4.3: without AKS's annotations the probe is GET / on the listener, which routes only /weatherforecast. */
  @Test
  void aProbeOnRootGets404FromTheListener() {
    Finding f = only(MigrationChecks.GATEWAY_PROBE_ON_ROOT);
    assertThat(f.message()).contains("with Http 30080 /");
    assertThat(f.evidence().text()).contains("status=404");
  }

  /** A4.19: the backend's policy still admits only the old controller's namespace; Envoy answers 503. */
  @Test
  void theOldIngressNamespaceIsStillTheOnlyPeer() {
    Finding f = only(MigrationChecks.BACKEND_POLICY_ADMITS_OLD_INGRESS_ONLY);
    assertThat(f.message()).contains("refuses gateway pod gateway/web-istio-6c8f9d7b5-x2k4p (10.244.0.12)")
        .contains("still admits the ingress-nginx pods").contains("503");
  }

  /** R2.11, G1.8: nginx's wildcard is one label, the Gateway API's one or more. */
  @Test
  void aDeeperHostIsNewlyServed() {
    Finding f = only(MigrationChecks.WILDCARD_HOST_WIDENED);
    assertThat(f.message()).contains("serves a.b.example.com/weatherforecast");
    assertThat(f.evidence().text()).contains("default backend answers 404");
  }

  /** 6.1 (ssl-redirect row): no implicit redirect in the Gateway API. */
  @Test
  void plainHttpIsForwardedForATlsHost() {
    Finding f = only(MigrationChecks.TLS_HOST_WITHOUT_HTTPS_REDIRECT);
    assertThat(f.message()).startsWith("http://demoapi.example.com:80/weatherforecast is forwarded in plaintext");
  }

  /** A4.4: an unmanaged Gateway whose Service is missing is reported, not skipped in silence. */
  @Test
  void aGatewayThatCannotBeResolvedIsReportedNotSkipped() {
    CheckContext ctx = violating(MigrationChecks.GATEWAY_STATUS_PORT_PUBLIC.id());
    Scenario s = ctx.scenario();
    KubernetesCluster k = s.kubernetes().withGateways(s.kubernetes().gateways().stream()
        .map(g -> g.withAddresses(new io.github.aksreach.k8s.model.Gateway.Address("Hostname", "web.example.com")))
        .toList());
    List<Finding> f = findings(MigrationChecks.GATEWAY_STATUS_PORT_PUBLIC, CheckContext.of(new Scenario(s.name(),
        s.azure(), k, s.aks(), s.config(), s.notes())));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).message()).contains("could not be evaluated").contains("Gateway gateway/web")
        .contains("unmanaged");
  }

  @Test
  void theCatalogListsTheMigrationChecksAfterTheOthers() {
    // 22 ingress and network checks, load-notes, then the ten migration checks
    assertThat(AksChecks.all()).hasSize(33);
    assertThat(AksChecks.all().get(22)).isEqualTo(AksChecks.LOAD_NOTES);
    assertThat(AksChecks.all().subList(23, 33)).isEqualTo(MigrationChecks.all());
    assertThat(AksChecks.byId("allowlist-lost-in-migration")).contains(MigrationChecks.ALLOWLIST_LOST_IN_MIGRATION);
  }

  /** Unused by the checks above: a LoadBalancer Service that is no gateway's stays out of the gateway checks. */
  @Test
  void aScenarioWithoutGatewaysHasNoMigrationFinding() {
    CheckContext ctx = CheckCatalogTest.load(CheckCatalogTest.dir("allowlist-under-cluster-policy", "violating"));
    assertThat(ctx.scenario().kubernetes().services()).anyMatch(Service::isLoadBalancer);
    for (Check<CheckContext> c : MigrationChecks.all()) {
      assertThat(findings(c, ctx)).as(c.id()).isEmpty();
    }
  }
}
