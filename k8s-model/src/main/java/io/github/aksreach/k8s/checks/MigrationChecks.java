package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.Checks;
import io.github.aksreach.core.check.PolicyCondition;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.core.check.SubjectTransformer;
import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.k8s.checks.AksSubjects.In;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.migration.IstioGateways;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.TrafficPolicy;
import java.util.List;

/**
 * The built-in checks of a move off ingress-nginx to the Gateway API (issue 11, DOMAIN-GATEWAY.md), part of
 * {@link AksChecks#all()}: each a fluent sentence over the scenario's Istio Gateways (or their AuthorizationPolicies),
 * decided on model values (the Gateway router, Istio's authorization evaluator, the ingress-nginx router, the
 * NetworkPolicy evaluator, the load-balancer model and, for the status port, the end-to-end graph).
 *
 * <p>The checks that compare the two worlds (allow-list lost, wildcard widened, HTTPS redirect) read one scenario that
 * holds both the Ingress and the Gateway for the same host, as a side-by-side migration does; comparing two scenarios
 * (before and after the cut-over) is {@code aksreach diff OLD NEW} at layer 7 ({@link
 * io.github.aksreach.k8s.migration.L7Diff}).
 *
 * <pre>{@code
 * CheckContext ctx = CheckContext.load(Path.of("dumps/migrating")).get();
 * MigrationChecks.ALLOWLIST_LOST_IN_MIGRATION.evaluate(ctx).assertNoViolations();
 * MigrationChecks.all();   // the ten migration checks, in catalog order
 * }</pre>
 */
public final class MigrationChecks {
  private MigrationChecks() {}

  private static Check<CheckContext> builtIn(String id, Severity s, Checks.ItemsCheck<CheckContext, ?> sentence) {
    return sentence.allowEmpty(true).withId(id).withSeverity(s);
  }

  /**
   * The Istio-implemented Gateways of the scenario, resolved with their data plane. A Gateway that cannot be resolved
   * (an unreadable overlay, an unmanaged Service missing) makes the check report that it could not be evaluated,
   * naming the Gateway and why, rather than checking the others in silence.
   */
  public static SubjectTransformer<CheckContext, In<IstioGateway>> istioGateways() {
    return AksSubjects.in(SubjectTransformer.of("Istio Gateways", ctx -> {
      List<String> errors = IstioGateways.errors(ctx.scenario().kubernetes(), MigrationRules.OPTIONS);
      if (!errors.isEmpty()) {
        throw new InvalidModelException(String.join("; ", errors));
      }
      return IstioGateways.of(ctx.scenario().kubernetes(), MigrationRules.OPTIONS);
    }));
  }

  /** The AuthorizationPolicies with a selector in a namespace that holds an Istio Gateway. */
  public static SubjectTransformer<CheckContext, In<AuthorizationPolicy>> gatewayNamespacePolicies() {
    return AksSubjects.in(SubjectTransformer.of("AuthorizationPolicies with a selector next to a Gateway",
        GatewayRules::selectorPoliciesNearGateways));
  }

  private static <T> PolicyCondition<In<T>> in(String description, Body<T> body) {
    return PolicyCondition.of(description, (i, out) -> body.check(i.ctx(), i.item(), out));
  }

  @FunctionalInterface
  private interface Body<T> {
    void check(CheckContext ctx, T item, io.github.aksreach.core.check.ViolationCollector out);
  }

  /**
   * An ingress-nginx allow-list with no equivalent after: a Gateway serves the same host and path to sources the
   * Ingress's {@code whitelist-source-range}/{@code allowlist-source-range} refused (exact CIDRs; layer 4 source ranges
   * and AuthorizationPolicies both count). ingress2gateway's standard emitter drops the annotation (6.1).
   *
   * <pre>{@code
   * // violates: Ingress whitelist-source-range 198.51.100.0/24; Gateway web serves the host, no policy
   * // fixed:    ALLOW AuthorizationPolicy targetRefs web, ipBlocks 198.51.100.0/24 (ETP Local)
   * }</pre>
   */
  public static final Check<CheckContext> ALLOWLIST_LOST_IN_MIGRATION = builtIn("allowlist-lost-in-migration",
      Severity.ERROR, Checks.all(istioGateways())
      .should(in("keep the allow-lists of the Ingresses whose hosts they serve", MigrationRules::allowListLost)));

  /**
   * An AuthorizationPolicy deciding on {@code source.ip} ({@code ipBlocks}) at a gateway whose Service keeps
   * {@code externalTrafficPolicy: Cluster}: the gateway sees node addresses (A4.14, S5.10a).
   *
   * <pre>{@code
   * // violates: ipBlocks [198.51.100.0/24], Service web-istio externalTrafficPolicy Cluster
   * // fixed:    externalTrafficPolicy Local (Service overlay)
   * }</pre>
   */
  public static final Check<CheckContext> AUTHZ_IPBLOCKS_UNDER_CLUSTER_POLICY = builtIn(
      "authz-ipblocks-under-cluster-policy", Severity.ERROR, Checks.all(istioGateways())
      .should(in("see their clients' addresses where policies check ipBlocks (externalTrafficPolicy Local)",
          GatewayRules::ipBlocksUnderCluster)));

  /**
   * An AuthorizationPolicy next to a Gateway whose selector matches no pod, e.g. {@code istio.io/gateway-name},
   * which Istio 1.24+ no longer sets (A4.7, S5.1): it enforces nothing.
   *
   * <pre>{@code
   * // violates: selector {istio.io/gateway-name: web}
   * // fixed:    selector {gateway.networking.k8s.io/gateway-name: web} (or targetRefs)
   * }</pre>
   */
  public static final Check<CheckContext> AUTHZ_POLICY_SELECTS_NO_GATEWAY_POD = builtIn(
      "authz-policy-selects-no-gateway-pod", Severity.ERROR, Checks.all(gatewayNamespacePolicies())
      .should(in("select some pod", GatewayRules::selectsNoGatewayPod)));

  /**
   * {@code remoteIpBlocks} with {@code numTrustedProxies >= 1} while the gateway's Service admits every source (no
   * trusted proxy in front): a client sets {@code remote.ip} with X-Forwarded-For (S5.10b). A Service restricted by
   * source ranges is taken to admit only the trusted proxy.
   *
   * <pre>{@code
   * // violates: remoteIpBlocks [198.51.100.0/24], proxy.istio.io/config numTrustedProxies 1, public LB, no ranges
   * // fixed:    loadBalancerSourceRanges [147.243.0.0/16] (the proxy in front)
   * }</pre>
   */
  public static final Check<CheckContext> REMOTE_IPBLOCKS_SPOOFABLE = builtIn("remote-ipblocks-spoofable",
      Severity.ERROR, Checks.all(istioGateways())
      .should(in("not let clients choose remote.ip", GatewayRules::remoteIpSpoofable)));

  /**
   * The status port 15021 of a Gateway's Service reachable from the Internet (A4.13): traced through the graph when
   * the Service is dumped, from the Service model when it is derived.
   *
   * <pre>{@code
   * // violates: public LoadBalancer web-istio, no source ranges
   * // fixed:    internal LoadBalancer with loadBalancerSourceRanges [10.1.0.0/16]
   * }</pre>
   */
  public static final Check<CheckContext> GATEWAY_STATUS_PORT_PUBLIC = builtIn("gateway-status-port-public",
      Severity.WARNING, Checks.all(istioGateways())
      .should(in("not expose status port 15021 to the Internet", GatewayRules::statusPortPublic)));

  /**
   * A load-balancer HTTP probe that lands on a listener ({@code GET /} by default) where no route forwards it: Envoy
   * answers 404 and every node is probed DOWN (A4.11, section 4.3).
   *
   * <pre>{@code
   * // violates: no port_80_health-probe_* annotations, ETP Cluster, appProtocol http, only /weatherforecast routed
   * // fixed:    AKS's annotations: probe 15021 /healthz/ready
   * }</pre>
   */
  public static final Check<CheckContext> GATEWAY_PROBE_ON_ROOT = builtIn("gateway-probe-on-root", Severity.ERROR,
      Checks.all(istioGateways())
      .should(in("be probed where a route answers", GatewayRules::probeOnRoot)));

  /**
   * A backend NetworkPolicy that refuses the gateway pods (still admitting only the old ingress namespace): the route
   * is Accepted and Envoy answers 503 (A4.19).
   *
   * <pre>{@code
   * // violates: from namespaceSelector kubernetes.io/metadata.name: ingress-nginx only
   * // fixed:    plus namespace gateway, podSelector gateway.networking.k8s.io/gateway-name: web
   * }</pre>
   */
  public static final Check<CheckContext> BACKEND_POLICY_ADMITS_OLD_INGRESS_ONLY = builtIn(
      "backend-policy-admits-old-ingress-only", Severity.ERROR, Checks.all(istioGateways())
      .should(in("be admitted by their backends' NetworkPolicies", GatewayRules::backendPolicyOldIngress)));

  /**
   * A wildcard host that matched one DNS label in ingress-nginx and matches one or more through the Gateway (R2.11):
   * {@code a.b.example.com} newly reaches a backend.
   *
   * <pre>{@code
   * // violates: Ingress host *.example.com, HTTPRoute hostnames [*.example.com]
   * // fixed:    HTTPRoute hostnames [demoapi.example.com]
   * }</pre>
   */
  public static final Check<CheckContext> WILDCARD_HOST_WIDENED = builtIn("wildcard-host-widened", Severity.WARNING,
      Checks.all(istioGateways())
      .should(in("not serve hosts deeper than the Ingress wildcards they replace", MigrationRules::wildcardWidened)));

  /**
   * A host with TLS (an Ingress {@code tls} entry, whose ssl-redirect answered 308, or an HTTPS listener) that the
   * Gateway forwards over plain HTTP: the Gateway API has no implicit redirect (6.1).
   *
   * <pre>{@code
   * // violates: HTTP listener :80 routes demoapi.example.com/weatherforecast to the backend
   * // fixed:    the HTTP listener's route redirects to https (RequestRedirect scheme https, 301)
   * }</pre>
   */
  public static final Check<CheckContext> TLS_HOST_WITHOUT_HTTPS_REDIRECT = builtIn(
      "tls-host-without-https-redirect", Severity.WARNING, Checks.all(istioGateways())
      .should(in("redirect plain HTTP to HTTPS for hosts with TLS", MigrationRules::tlsWithoutRedirect)));

  /**
   * Azure LB health-probe annotations on a LoadBalancer Service under {@code externalTrafficPolicy: Local}
   * (DOMAIN-GATEWAY A4.11, 4.3; DOMAIN.md 3.2): the protocol and request-path ones are ignored (the probe is
   * {@code Http /healthz} on {@code healthCheckNodePort}), and {@code port_<p>_health-probe_port} moves that probe to a
   * port where it no longer tests for a local ready endpoint. Typically an Istio Gateway Service moved to Local with
   * AKS's {@code port_80/443_health-probe_*} annotations left in place.
   *
   * <pre>{@code
   * // violates: overlay externalTrafficPolicy: Local, AKS's port_80_health-probe_port 15021 (+ protocol, path) kept
   * // fixed:    the overlay also sets the three annotations to null
   * }</pre>
   */
  public static final Check<CheckContext> PROBE_ANNOTATIONS_UNDER_LOCAL_POLICY = builtIn(
      "probe-annotations-under-local-policy", Severity.WARNING, Checks.all(AksSubjects.loadBalancerServicesIn())
      .that(AksSubjects.item("use externalTrafficPolicy Local",
          (Service s) -> s.externalTrafficPolicy() == TrafficPolicy.LOCAL))
      .should(in("not carry health-probe annotations that Local ignores or moves off healthCheckNodePort",
          ProbeAnnotationRules::annotationsUnderLocal)));

  /** The migration checks, in catalog order. */
  public static List<Check<CheckContext>> all() {
    return List.of(ALLOWLIST_LOST_IN_MIGRATION, AUTHZ_IPBLOCKS_UNDER_CLUSTER_POLICY,
        AUTHZ_POLICY_SELECTS_NO_GATEWAY_POD, REMOTE_IPBLOCKS_SPOOFABLE, GATEWAY_STATUS_PORT_PUBLIC,
        GATEWAY_PROBE_ON_ROOT, BACKEND_POLICY_ADMITS_OLD_INGRESS_ONLY, WILDCARD_HOST_WIDENED,
        TLS_HOST_WITHOUT_HTTPS_REDIRECT, PROBE_ANNOTATIONS_UNDER_LOCAL_POLICY);
  }
}
