package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.check.ViolationCollector;
import java.util.List;
import java.util.Optional;

/**
 * The built-in catalog of AKS ingress pitfalls (DOMAIN.md, and the lessons of the reference article), each a
 * documented constant over a {@link CheckContext}. Each check fires on a scenario that violates it and stays quiet
 * on the fixed one (see {@code k8s-model/src/test/resources/checks/<id>/{violating,fixed}}).
 *
 * <pre>{@code
 * CheckContext ctx = CheckContext.load(Path.of("dumps/prod")).get();
 * AksChecks.ALLOWLIST_UNDER_CLUSTER_POLICY.evaluate(ctx).assertNoViolations();
 * for (Check<CheckContext> c : AksChecks.all()) System.out.println(c.id() + ": " + c.description());
 * AksChecks.byId("backend-down-by-policy");   // Optional[...]
 * }</pre>
 */
public final class AksChecks {
  private AksChecks() {}

  private static Check<CheckContext> check(String id, Severity s, String sentence,
                                           java.util.function.BiConsumer<CheckContext, ViolationCollector> body) {
    return Check.define(id, s, sentence, body);
  }

  /**
   * An NGINX allow-list behind {@code externalTrafficPolicy: Cluster}: kube-proxy masquerades every connection, so
   * NGINX checks a node or bridge address and the allowed client gets HTTP 403 (traced: the finding shows what NGINX
   * saw on each path).
   *
   * <pre>{@code
   * // violates: Service ingress-nginx-controller externalTrafficPolicy: Cluster
   * //           Ingress weather nginx.ingress.kubernetes.io/whitelist-source-range: 192.168.1.4
   * // fixed:    externalTrafficPolicy: Local, controller pods pinned to the ingress pool (nodeSelector agentpool)
   * }</pre>
   */
  public static final Check<CheckContext> ALLOWLIST_UNDER_CLUSTER_POLICY = check("allowlist-under-cluster-policy",
      Severity.ERROR, "an NGINX allow-list should see the clients' addresses, not kube-proxy's SNAT "
          + "(externalTrafficPolicy Local)", IngressRules::allowListSnat);

  /**
   * An allow-list that contains node or pod ranges under {@code externalTrafficPolicy: Cluster}: those are the
   * addresses kube-proxy masquerades to, so it admits every client whose connection lands on such a node (exact:
   * the outsiders that pass are listed as CIDRs).
   *
   * <pre>{@code
   * // violates: whitelist-source-range: 192.168.1.4/32,192.168.0.0/24,10.244.0.0/16   (Cluster)
   * // fixed:    whitelist-source-range: 192.168.1.4/32 with externalTrafficPolicy: Local
   * }</pre>
   */
  public static final Check<CheckContext> ALLOWLIST_ADMITS_SNAT_ADDRESSES = check("allowlist-admits-snat-addresses",
      Severity.ERROR, "an NGINX allow-list should not contain the node or pod addresses kube-proxy masquerades to",
      IngressRules::allowListAdmitsSnat);

  /**
   * A load-balancer backend probed DOWN (or FLAPPING) because an NSG or a NetworkPolicy denies its probe, or the
   * probe as kube-proxy forwards it to another node (source: the node's address).
   *
   * <pre>{@code
   * // violates: nsg-ingress: AllowAzureLoadBalancer 200, DenyAllCustom 4000 (Cluster): the system and user nodes'
   * //           forwarded probes (192.168.0.4 -> 10.244.2.2:80) are denied, those nodes are DOWN
   * // fixed:    nsg-ingress AllowNodesToIngress 110 (node subnets -> TCP 80), or externalTrafficPolicy: Local
   * }</pre>
   */
  public static final Check<CheckContext> BACKEND_DOWN_BY_POLICY = check("backend-down-by-policy", Severity.ERROR,
      "every load-balancer backend should be UP, not held DOWN by an NSG or a NetworkPolicy",
      NetworkRules::backendDown);

  /**
   * Sources an intent allows that reach its target only SOMETIMES or NEVER ({@code reach()} over the whole allow
   * set, symbolically; the failing sources as CIDRs, one traced as the example).
   *
   * <pre>{@code
   * // violates: intents: [{name: weather-api, to: 192.168.0.22:80/tcp, allow: [192.168.1.4/32]}] and only 1 of 3
   * //           backends' subnets admits 192.168.1.4
   * // fixed:    every backend in rotation admits it (or only the ingress node is in rotation, under Local)
   * }</pre>
   */
  public static final Check<CheckContext> INTENT_ALLOWED_NOT_ALWAYS = check("intent-allowed-not-always",
      Severity.ERROR, "the clients an intent allows should reach its target ALWAYS", IntentRules::allowNotAlways);

  /**
   * Sources an intent denies ({@code deny: ["*"]}: everyone not allowed) that reach its target (symbolic, as CIDRs).
   *
   * <pre>{@code
   * // violates: deny: ["*"] and no NSG, no allow-list: every address reaches 192.168.0.22:80
   * // fixed:    nsg-ingress admits only 192.168.1.4 to 192.168.0.22:80 and denies the rest
   * }</pre>
   */
  public static final Check<CheckContext> INTENT_DENIED_REACHES = check("intent-denied-reaches", Severity.ERROR,
      "the sources an intent denies should reach its target NEVER", IntentRules::denyReaches);

  /**
   * The node-to-node NSG openings that {@code externalTrafficPolicy: Cluster} forces (kube-proxy forwards client
   * connections and probes to the node hosting the pod, from the node's address): the lateral movement the article
   * warns about, listed from {@link io.github.aksreach.k8s.aks.Openings}.
   *
   * <pre>{@code
   * // violates: ingress Service externalTrafficPolicy: Cluster, the controller on one node of three
   * // fixed:    externalTrafficPolicy: Local, controller pinned to the ingress pool
   * }</pre>
   */
  public static final Check<CheckContext> CLUSTER_POLICY_LATERAL_OPENINGS = check("cluster-policy-lateral-openings",
      Severity.WARNING, "a load-balanced Service should not need node-to-node NSG openings (lateral movement)",
      NetworkRules::clusterNodeToNode);

  /**
   * Ingress controller pods not pinned to the ingress pool under {@code externalTrafficPolicy: Local}: every node
   * hosting one is a backend, so clients land in subnets that may not admit them.
   *
   * <pre>{@code
   * // violates: 3 replicas on the system, ingress and user pools, no nodeSelector (Local)
   * // fixed:    nodeSelector: {agentpool: ingress}
   * }</pre>
   */
  public static final Check<CheckContext> INGRESS_PODS_NOT_PINNED = check("ingress-pods-not-pinned",
      Severity.WARNING, "ingress controller pods under externalTrafficPolicy Local should be pinned to the ingress "
          + "node pool", IngressRules::notPinned);

  /**
   * An intended client admitted by the NSGs of some backend nodes' subnets and denied by others: it reaches only
   * when the load balancer picks the right node (the article's step 4 flow-log tuple).
   *
   * <pre>{@code
   * // violates: nsg-ingress admits 192.168.1.4, nsg-system and nsg-user deny it, all three nodes UP (Cluster)
   * // fixed:    Local with the controller pinned: only the ingress node is a backend
   * }</pre>
   */
  public static final Check<CheckContext> CLIENT_ADMITTED_IN_SOME_SUBNETS = check("client-admitted-in-some-subnets",
      Severity.ERROR, "an intended client should be admitted by the NSGs of every backend node it can be sent to",
      NetworkRules::clientSubnetsInconsistent);

  /**
   * A custom deny rule that blocks the load balancer's health probes: from {@code AzureLoadBalancer}
   * (168.63.129.16), or forwarded between nodes under Cluster ({@code VirtualNetwork} sources).
   *
   * <pre>{@code
   * // violates: DenyAllCustom 4000 with no allow for the node subnets (Cluster: forwarded probes denied)
   * // fixed:    AllowNodesToIngress 110 before it (or Local), AllowAzureLoadBalancer 200 before it
   * }</pre>
   */
  public static final Check<CheckContext> CUSTOM_DENY_BLOCKS_PROBES = check("custom-deny-blocks-probes",
      Severity.ERROR, "no custom NSG deny rule should block the load balancer's health probes",
      NetworkRules::customDenyBlocksProbes);

  /**
   * An HTTP(S) probe on {@code /} against ingress-nginx: with {@code appProtocol: http} and Kubernetes 1.24 or later,
   * cloud-provider-azure probes {@code Http <nodePort> /} unless the request-path annotation is set, and NGINX
   * answers 404 there, so the backends are DOWN.
   *
   * <pre>{@code
   * // violates: ports: [{port: 80, appProtocol: http, nodePort: 31880}], no health-probe-request-path annotation
   * // fixed:    service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path: /healthz
   * }</pre>
   */
  public static final Check<CheckContext> INGRESS_NGINX_PROBE_ON_ROOT = check("ingress-nginx-probe-on-root",
      Severity.ERROR, "the load balancer's HTTP probe of ingress-nginx should request /healthz, not /",
      IngressRules::probeOnRoot);

  /**
   * Forwarded headers trusted from every peer ({@code use-forwarded-headers: true} with the default
   * {@code proxy-real-ip-cidr: 0.0.0.0/0}) while an allow-list is used: any client can claim an allowed address.
   *
   * <pre>{@code
   * // violates: ConfigMap use-forwarded-headers: "true" and an Ingress with whitelist-source-range
   * // fixed:    use-forwarded-headers: "false" (nothing adds the header behind an Azure load balancer)
   * }</pre>
   */
  public static final Check<CheckContext> FORWARDED_HEADERS_SPOOFABLE = check("forwarded-headers-spoofable",
      Severity.ERROR, "ingress-nginx should not trust forwarded-for headers from every peer when it filters clients",
      IngressRules::forwardedHeadersSpoofable);

  /**
   * {@code use-proxy-protocol: true} without a Private Link Service sending PROXY protocol: every request breaks.
   *
   * <pre>{@code
   * // violates: ConfigMap use-proxy-protocol: "true", plain internal LB Service
   * // fixed:    azure-pls-create: "true" and azure-pls-proxy-protocol: "true" on the Service
   * }</pre>
   */
  public static final Check<CheckContext> PROXY_PROTOCOL_WITHOUT_PRIVATE_LINK = check(
      "proxy-protocol-without-private-link", Severity.ERROR,
      "ingress-nginx should expect PROXY protocol only behind a Private Link Service that sends it",
      IngressRules::proxyProtocolWithoutPls);

  /**
   * An allow-list (or deny-list) annotation that does not parse: ingress-nginx answers 503 to everyone.
   *
   * <pre>{@code
   * // violates: nginx.ingress.kubernetes.io/whitelist-source-range: 192.168.1.4/33
   * // fixed:    nginx.ingress.kubernetes.io/whitelist-source-range: 192.168.1.4/32
   * }</pre>
   */
  public static final Check<CheckContext> ALLOWLIST_INVALID_VALUE = check("allowlist-invalid-value", Severity.ERROR,
      "NGINX access-list annotations should be valid addresses or CIDRs", IngressRules::allowListInvalid);

  /**
   * {@code loadBalancerSourceRanges} together with {@code azure-allowed-service-tags}: the NSG admits the tags, but
   * kube-proxy's firewall chain drops every source outside the ranges.
   *
   * <pre>{@code
   * // violates: loadBalancerSourceRanges: [192.168.1.0/24] and azure-allowed-service-tags: AzureFrontDoor.Backend
   * // fixed:    only loadBalancerSourceRanges
   * }</pre>
   */
  public static final Check<CheckContext> SOURCE_RANGES_WITH_SERVICE_TAGS = check("source-ranges-with-service-tags",
      Severity.ERROR, "a Service should not combine loadBalancerSourceRanges with azure-allowed-service-tags",
      NetworkRules::sourceRangesWithTags);

  /**
   * An internal load balancer without source ranges: cloud-provider-azure writes no NSG rule and kube-proxy no
   * firewall, so the whole VirtualNetwork tag (peered VNets and on-premises ranges included) may call it.
   *
   * <pre>{@code
   * // violates: azure-load-balancer-internal: "true", no loadBalancerSourceRanges
   * // fixed:    loadBalancerSourceRanges: [192.168.1.4/32]
   * }</pre>
   */
  public static final Check<CheckContext> INTERNAL_LB_WITHOUT_SOURCE_RANGES = check(
      "internal-lb-without-source-ranges", Severity.WARNING,
      "an internal load balancer should restrict its callers with loadBalancerSourceRanges",
      NetworkRules::internalWithoutRanges);

  /**
   * {@code loadBalancerSourceRanges} bypassed through the Service's nodePort (traced: a source outside the ranges
   * reaches a node's nodePort through the NSGs).
   *
   * <pre>{@code
   * // violates: loadBalancerSourceRanges: [192.168.1.4/32], nodePort 31880, no NSG on the node subnets
   * // fixed:    allocateLoadBalancerNodePorts: false (Local, probe on healthCheckNodePort)
   * }</pre>
   */
  public static final Check<CheckContext> NODEPORT_BYPASSES_SOURCE_RANGES = check("nodeport-bypasses-source-ranges",
      Severity.WARNING, "clients outside loadBalancerSourceRanges should not reach the Service through its nodePort",
      NetworkRules::nodePortBypass);

  /**
   * NSG rules that never decide a flow: shadowed by higher-priority rules, or matching nothing (nsg-model's
   * shadowed-rules analysis, exact).
   *
   * <pre>{@code
   * // violates: DenyAllCustom 4000 then AllowHttps 4010 (never reached)
   * // fixed:    AllowHttps at 150
   * }</pre>
   */
  public static final Check<CheckContext> NSG_RULE_NEVER_DECIDES = check("nsg-rule-never-decides", Severity.WARNING,
      "every custom NSG rule should decide some flow", NetworkRules::deadRules);

  /**
   * Every ready ingress controller pod on one node (or in one zone).
   *
   * <pre>{@code
   * // violates: one replica
   * // fixed:    two replicas on two nodes in two zones
   * }</pre>
   */
  public static final Check<CheckContext> INGRESS_SINGLE_NODE_OR_ZONE = check("ingress-single-node-or-zone",
      Severity.WARNING, "ingress controller pods should run on more than one node and zone",
      IngressRules::singleNodeOrZone);

  /**
   * Client connections spread unevenly over the ingress pods (as numbers): under Local a node splits its share among
   * its own pods, and a ready pod on a node out of rotation gets nothing.
   *
   * <pre>{@code
   * // violates: Local, two replicas on one node and one on another: 25%, 25%, 50%
   * // fixed:    one replica per node: 50%, 50%
   * }</pre>
   */
  public static final Check<CheckContext> INGRESS_TRAFFIC_IMBALANCE = check("ingress-traffic-imbalance",
      Severity.WARNING, "client connections should spread evenly over the ingress controller pods",
      IngressRules::trafficImbalance);

  /**
   * NetworkPolicies in the cluster but no policy engine to enforce them.
   *
   * <pre>{@code
   * // violates: a NetworkPolicy and networkProfile.networkPolicy: null
   * // fixed:    cluster.networkPolicy: calico (or az aks update --network-policy)
   * }</pre>
   */
  public static final Check<CheckContext> NETWORK_POLICIES_NOT_ENFORCED = check("network-policies-not-enforced",
      Severity.WARNING, "NetworkPolicies should be enforced by a policy engine", NetworkRules::policiesNotEnforced);

  /**
   * Least-privilege NSG advice for each intent: required openings that are missing, and allow rules on the path that
   * no intent needs; the evidence compares what externalTrafficPolicy Cluster and Local need.
   *
   * <pre>{@code
   * // violates: Local (one pinned replica) and nsg-ingress still has AllowNodesToIngress (needed only by Cluster)
   * // fixed:    the rule removed
   * }</pre>
   */
  public static final Check<CheckContext> NSG_LEAST_PRIVILEGE = check("nsg-least-privilege", Severity.WARNING,
      "the NSGs on an intent's paths should open exactly what it needs", AksChecks::leastPrivilege);

  private static void leastPrivilege(CheckContext ctx, ViolationCollector out) {
    for (LeastPrivilege.Advice a : LeastPrivilege.advise(ctx)) {
      if (a.missing().isEmpty() && a.excess().isEmpty()) {
        continue;
      }
      String cmp;
      try {
        cmp = LeastPrivilege.compare(ctx, a.intent()).summary();
      } catch (RuntimeException e) {
        cmp = "";
      }
      StringBuilder msg = new StringBuilder("intent " + a.intent().name() + " under externalTrafficPolicy "
          + a.policy().apiName() + ":");
      if (!a.missing().isEmpty()) {
        msg.append(" ").append(a.missing().size()).append(" required NSG opening(s) missing");
      }
      if (!a.excess().isEmpty()) {
        msg.append(a.missing().isEmpty() ? " " : "; ").append(a.excess().size()).append(" allow rule(s) admit "
            + "traffic it does not need (").append(a.excess().stream().map(x -> x.nsg().name() + " "
            + x.rule().name()).collect(java.util.stream.Collectors.joining(", "))).append(')');
      }
      Optional<io.github.aksreach.core.check.Location> where = a.excess().isEmpty()
          ? ctx.intentLocation(a.intent()) : ctx.location(a.excess().get(0).rule());
      out.add(Violation.of(msg.toString())
          .withEvidence(a.toText() + (cmp.isEmpty() ? "" : "\n" + cmp))
          .withFix((a.missing().isEmpty() ? "" : "open the MISSING openings listed (or change the traffic policy, "
              + "see the comparison); ") + (a.excess().isEmpty() ? "" : "remove or narrow the excess rules"))
          .at(where));
    }
  }

  /** Every built-in check, in catalog order. */
  public static List<Check<CheckContext>> all() {
    return List.of(ALLOWLIST_UNDER_CLUSTER_POLICY, ALLOWLIST_ADMITS_SNAT_ADDRESSES, ALLOWLIST_INVALID_VALUE,
        FORWARDED_HEADERS_SPOOFABLE, PROXY_PROTOCOL_WITHOUT_PRIVATE_LINK, INGRESS_NGINX_PROBE_ON_ROOT,
        BACKEND_DOWN_BY_POLICY, CUSTOM_DENY_BLOCKS_PROBES, INTENT_ALLOWED_NOT_ALWAYS, INTENT_DENIED_REACHES,
        CLIENT_ADMITTED_IN_SOME_SUBNETS, CLUSTER_POLICY_LATERAL_OPENINGS, INGRESS_PODS_NOT_PINNED,
        INGRESS_SINGLE_NODE_OR_ZONE, INGRESS_TRAFFIC_IMBALANCE, SOURCE_RANGES_WITH_SERVICE_TAGS,
        INTERNAL_LB_WITHOUT_SOURCE_RANGES, NODEPORT_BYPASSES_SOURCE_RANGES, NSG_RULE_NEVER_DECIDES,
        NETWORK_POLICIES_NOT_ENFORCED, NSG_LEAST_PRIVILEGE);
  }

  public static Optional<Check<CheckContext>> byId(String id) {
    return all().stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
