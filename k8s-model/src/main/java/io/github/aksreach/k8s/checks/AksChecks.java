package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.Checks;
import io.github.aksreach.core.check.DescribedPredicate;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.k8s.checks.AksSubjects.In;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.nsg.model.NetworkInterface;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The built-in catalog of AKS ingress pitfalls (DOMAIN.md, and the lessons of the reference article), each a
 * documented constant over a {@link CheckContext}, written on the fluent check API as one sentence:
 * {@code Checks.all(subjects).that(predicate).should(condition)}, its subjects from {@link AksSubjects}, its conditions
 * from {@link AksConditions}, so users compose their own checks from the same parts. Each check fires on a scenario that violates it and stays quiet
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

  /**
   * A catalog check: a fluent sentence with the catalog's id and severity. An empty selection passes: a cluster
   * without the items a check talks about (no ingress controller, no intents) has nothing to violate it.
   */
  private static Check<CheckContext> builtIn(String id, Severity s, Checks.ItemsCheck<CheckContext, ?> sentence) {
    return sentence.allowEmpty(true).withId(id).withSeverity(s);
  }

  private static DescribedPredicate<In<AksSubjects.IngressRoute>> servedUnderCluster() {
    return AksSubjects.item("are served under externalTrafficPolicy Cluster",
        r -> r.service().externalTrafficPolicy() == TrafficPolicy.CLUSTER);
  }

  private static DescribedPredicate<In<AksSubjects.IngressRoute>> haveAValidAllowList() {
    return AksSubjects.inContext("have a valid NGINX allow-list", r -> IngressRules.hasAllowList(r.ctx(), r.item()));
  }

  private static DescribedPredicate<In<Service>> setSourceRanges() {
    return AksSubjects.item("set loadBalancerSourceRanges", s -> !s.loadBalancerSourceRanges().isEmpty());
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
  public static final Check<CheckContext> ALLOWLIST_UNDER_CLUSTER_POLICY = builtIn(
      "allowlist-under-cluster-policy", Severity.ERROR,
      Checks.all(AksSubjects.ingressRoutes())
      .that(servedUnderCluster()).and(haveAValidAllowList())
      .should(AksConditions.letNginxSeeTheClients()));

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
  public static final Check<CheckContext> ALLOWLIST_ADMITS_SNAT_ADDRESSES = builtIn(
      "allowlist-admits-snat-addresses", Severity.ERROR,
      Checks.all(AksSubjects.ingressRoutes())
      .that(servedUnderCluster()).and(haveAValidAllowList())
      .should(AksConditions.notAllowTheSnatAddresses()));

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
  public static final Check<CheckContext> BACKEND_DOWN_BY_POLICY = builtIn("backend-down-by-policy", Severity.ERROR,
      Checks.all(AksSubjects.backendsIn())
      .should(AksConditions.beUpNotHeldDownByPolicy()));

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
  public static final Check<CheckContext> INTENT_ALLOWED_NOT_ALWAYS = builtIn(
      "intent-allowed-not-always", Severity.ERROR,
      Checks.all(AksSubjects.intentsIn())
      .should(AksConditions.beReachedAlwaysByTheClientsTheyAllow()));

  /**
   * Sources an intent denies ({@code deny: ["*"]}: everyone not allowed) that reach its target (symbolic, as CIDRs).
   *
   * <pre>{@code
   * // violates: deny: ["*"] and no NSG, no allow-list: every address reaches 192.168.0.22:80
   * // fixed:    nsg-ingress admits only 192.168.1.4 to 192.168.0.22:80 and denies the rest
   * }</pre>
   */
  public static final Check<CheckContext> INTENT_DENIED_REACHES = builtIn("intent-denied-reaches", Severity.ERROR,
      Checks.all(AksSubjects.intentsIn())
      .should(AksConditions.beReachedNeverByTheSourcesTheyDeny()));

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
  public static final Check<CheckContext> CLUSTER_POLICY_LATERAL_OPENINGS = builtIn(
      "cluster-policy-lateral-openings", Severity.WARNING,
      Checks.all(AksSubjects.loadBalancerServicesIn())
      .that(AksSubjects.item("use externalTrafficPolicy Cluster",
          (Service s) -> s.externalTrafficPolicy() == TrafficPolicy.CLUSTER))
      .should(AksConditions.notNeedNodeToNodeOpenings()));

  /**
   * Ingress controller pods not pinned to the ingress pool under {@code externalTrafficPolicy: Local}: every node
   * hosting one is a backend, so clients land in subnets that may not admit them.
   *
   * <pre>{@code
   * // violates: 3 replicas on the system, ingress and user pools, no nodeSelector (Local)
   * // fixed:    nodeSelector: {agentpool: ingress}
   * }</pre>
   */
  public static final Check<CheckContext> INGRESS_PODS_NOT_PINNED = builtIn("ingress-pods-not-pinned", Severity.WARNING,
      Checks.all(AksSubjects.ingressControllers())
      .that(AksSubjects.inContext("serve a Service with externalTrafficPolicy Local",
          (In<IngressNginxController> c) -> IngressRules.servesLocal(c.ctx(), c.item())))
      .should(AksConditions.havePodsPinnedToTheIngressPool()));

  /**
   * An intended client admitted by the NSGs of some backend nodes' subnets and denied by others: it reaches only
   * when the load balancer picks the right node (the article's step 4 flow-log tuple).
   *
   * <pre>{@code
   * // violates: nsg-ingress admits 192.168.1.4, nsg-system and nsg-user deny it, all three nodes UP (Cluster)
   * // fixed:    Local with the controller pinned: only the ingress node is a backend
   * }</pre>
   */
  public static final Check<CheckContext> CLIENT_ADMITTED_IN_SOME_SUBNETS = builtIn(
      "client-admitted-in-some-subnets", Severity.ERROR,
      Checks.all(AksSubjects.intentsIn())
      .should(AksConditions.haveTheirClientsAdmittedBehindEveryBackend()));

  /**
   * A custom deny rule that blocks the load balancer's health probes: from {@code AzureLoadBalancer}
   * (168.63.129.16), or forwarded between nodes under Cluster ({@code VirtualNetwork} sources).
   *
   * <pre>{@code
   * // violates: DenyAllCustom 4000 with no allow for the node subnets (Cluster: forwarded probes denied)
   * // fixed:    AllowNodesToIngress 110 before it (or Local), AllowAzureLoadBalancer 200 before it
   * }</pre>
   */
  public static final Check<CheckContext> CUSTOM_DENY_BLOCKS_PROBES = builtIn(
      "custom-deny-blocks-probes", Severity.ERROR,
      Checks.all(AksSubjects.probeDenyRules())
      .should(AksConditions.notBlockHealthProbes()));

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
  public static final Check<CheckContext> INGRESS_NGINX_PROBE_ON_ROOT = builtIn(
      "ingress-nginx-probe-on-root", Severity.ERROR,
      Checks.all(AksSubjects.ingressHttpProbes())
      .that(AksSubjects.item("run under externalTrafficPolicy Cluster",
          (LbRuleSpec r) -> r.service().orElseThrow().externalTrafficPolicy() != TrafficPolicy.LOCAL))
      .should(AksConditions.requestHealthzNotRoot()));

  /**
   * Forwarded headers trusted from every peer ({@code use-forwarded-headers: true} with the default
   * {@code proxy-real-ip-cidr: 0.0.0.0/0}) while an allow-list is used: any client can claim an allowed address.
   *
   * <pre>{@code
   * // violates: ConfigMap use-forwarded-headers: "true" and an Ingress with whitelist-source-range
   * // fixed:    use-forwarded-headers: "false" (nothing adds the header behind an Azure load balancer)
   * }</pre>
   */
  public static final Check<CheckContext> FORWARDED_HEADERS_SPOOFABLE = builtIn(
      "forwarded-headers-spoofable", Severity.ERROR,
      Checks.all(AksSubjects.ingressControllers())
      .that(AksSubjects.inContext("trust forwarded-for headers from every peer",
          (In<IngressNginxController> c) -> IngressRules.trustsEveryPeer(c.ctx(), c.item())))
      .should(AksConditions.notFilterClientsByAddress()));

  /**
   * {@code use-proxy-protocol: true} without a Private Link Service sending PROXY protocol: every request breaks.
   *
   * <pre>{@code
   * // violates: ConfigMap use-proxy-protocol: "true", plain internal LB Service
   * // fixed:    azure-pls-create: "true" and azure-pls-proxy-protocol: "true" on the Service
   * }</pre>
   */
  public static final Check<CheckContext> PROXY_PROTOCOL_WITHOUT_PRIVATE_LINK = builtIn(
      "proxy-protocol-without-private-link", Severity.ERROR,
      Checks.all(AksSubjects.ingressServices())
      .that(AksSubjects.inContext("expect PROXY protocol",
          (In<AksSubjects.IngressService> s) -> IngressRules.expectsProxyProtocol(s.ctx(), s.item())))
      .should(AksConditions.beBehindAPrivateLinkServiceThatSendsIt()));

  /**
   * An allow-list (or deny-list) annotation that does not parse: ingress-nginx answers 503 to everyone.
   *
   * <pre>{@code
   * // violates: nginx.ingress.kubernetes.io/whitelist-source-range: 192.168.1.4/33
   * // fixed:    nginx.ingress.kubernetes.io/whitelist-source-range: 192.168.1.4/32
   * }</pre>
   */
  public static final Check<CheckContext> ALLOWLIST_INVALID_VALUE = builtIn("allowlist-invalid-value", Severity.ERROR,
      Checks.all(AksSubjects.servedIngresses())
      .should(AksConditions.haveValidAccessLists()));

  /**
   * {@code loadBalancerSourceRanges} together with {@code azure-allowed-service-tags}: the NSG admits the tags, but
   * kube-proxy's firewall chain drops every source outside the ranges.
   *
   * <pre>{@code
   * // violates: loadBalancerSourceRanges: [192.168.1.0/24] and azure-allowed-service-tags: AzureFrontDoor.Backend
   * // fixed:    only loadBalancerSourceRanges
   * }</pre>
   */
  public static final Check<CheckContext> SOURCE_RANGES_WITH_SERVICE_TAGS = builtIn(
      "source-ranges-with-service-tags", Severity.ERROR,
      Checks.all(AksSubjects.loadBalancerServicesIn())
      .that(setSourceRanges())
      .should(AksConditions.notAlsoSetServiceTags()));

  /**
   * An internal load balancer without source ranges: cloud-provider-azure writes no NSG rule and kube-proxy no
   * firewall, so the whole VirtualNetwork tag (peered VNets and on-premises ranges included) may call it.
   *
   * <pre>{@code
   * // violates: azure-load-balancer-internal: "true", no loadBalancerSourceRanges
   * // fixed:    loadBalancerSourceRanges: [192.168.1.4/32]
   * }</pre>
   */
  public static final Check<CheckContext> INTERNAL_LB_WITHOUT_SOURCE_RANGES = builtIn(
      "internal-lb-without-source-ranges", Severity.WARNING,
      Checks.all(AksSubjects.loadBalancerServicesIn())
      .that(AksSubjects.item("are internal", (Service s) -> s.azure().internal()))
      .and(AksSubjects.item("have a frontend address", (Service s) -> !s.frontendIps().isEmpty()))
      .should(AksConditions.restrictCallersWithSourceRanges()));

  /**
   * {@code loadBalancerSourceRanges} bypassed through the Service's nodePort (traced: a source outside the ranges
   * reaches a node's nodePort through the NSGs).
   *
   * <pre>{@code
   * // violates: loadBalancerSourceRanges: [192.168.1.4/32], nodePort 31880, no NSG on the node subnets
   * // fixed:    allocateLoadBalancerNodePorts: false (Local, probe on healthCheckNodePort)
   * }</pre>
   */
  public static final Check<CheckContext> NODEPORT_BYPASSES_SOURCE_RANGES = builtIn(
      "nodeport-bypasses-source-ranges", Severity.WARNING,
      Checks.all(AksSubjects.loadBalancerServicesIn())
      .that(setSourceRanges())
      .should(AksConditions.notBeReachedThroughNodePortsFromOutside()));

  /**
   * NSG rules that never decide a flow: shadowed by higher-priority rules, or matching nothing (nsg-model's
   * shadowed-rules analysis, exact).
   *
   * <pre>{@code
   * // violates: DenyAllCustom 4000 then AllowHttps 4010 (never reached)
   * // fixed:    AllowHttps at 150
   * }</pre>
   */
  public static final Check<CheckContext> NSG_RULE_NEVER_DECIDES = builtIn("nsg-rule-never-decides", Severity.WARNING,
      Checks.all(AksSubjects.reportedNsgRules())
      .should(AksConditions.decideSomeFlow()));

  /**
   * Every ready ingress controller pod on one node (or in one zone).
   *
   * <pre>{@code
   * // violates: one replica
   * // fixed:    two replicas on two nodes in two zones
   * }</pre>
   */
  public static final Check<CheckContext> INGRESS_SINGLE_NODE_OR_ZONE = builtIn(
      "ingress-single-node-or-zone", Severity.WARNING,
      Checks.all(AksSubjects.ingressControllers())
      .should(AksConditions.runOnMoreThanOneNodeAndZone()));

  /**
   * Client connections spread unevenly over the ingress pods (as numbers): under Local a node splits its share among
   * its own pods, and a ready pod on a node out of rotation gets nothing.
   *
   * <pre>{@code
   * // violates: Local, two replicas on one node and one on another: 25%, 25%, 50%
   * // fixed:    one replica per node: 50%, 50%
   * }</pre>
   */
  public static final Check<CheckContext> INGRESS_TRAFFIC_IMBALANCE = builtIn(
      "ingress-traffic-imbalance", Severity.WARNING,
      Checks.all(AksSubjects.ingressServices())
      .should(AksConditions.spreadConnectionsEvenly()));

  /**
   * NetworkPolicies in the cluster but no policy engine to enforce them.
   *
   * <pre>{@code
   * // violates: a NetworkPolicy and networkProfile.networkPolicy: null
   * // fixed:    cluster.networkPolicy: calico (or az aks update --network-policy)
   * }</pre>
   */
  public static final Check<CheckContext> NETWORK_POLICIES_NOT_ENFORCED = builtIn(
      "network-policies-not-enforced", Severity.WARNING,
      Checks.all(AksSubjects.clusters())
      .that(AksSubjects.item("have NetworkPolicies", (Scenario c) -> !c.kubernetes().networkPolicies().isEmpty()))
      .should(AksConditions.enforceThemWithAPolicyEngine()));

  /**
   * Least-privilege NSG advice for each intent: required openings that are missing, and allow rules on the path that
   * no intent needs; the evidence compares what externalTrafficPolicy Cluster and Local need.
   *
   * <pre>{@code
   * // violates: Local (one pinned replica) and nsg-ingress still has AllowNodesToIngress (needed only by Cluster)
   * // fixed:    the rule removed
   * }</pre>
   */
  public static final Check<CheckContext> NSG_LEAST_PRIVILEGE = builtIn("nsg-least-privilege", Severity.WARNING,
      Checks.all(AksSubjects.leastPrivilegeAdvice())
      .should(AksConditions.openExactlyWhatEachIntentNeeds()));

  /**
   * A NIC with {@code disableTcpStateTracking}: its NSGs evaluate TCP statelessly, so the return packets of every flow
   * need an allow rule of the opposite direction; aksreach answers the forward direction only, so the finding says so
   * at the field's file and line, with the NSGs on the NIC's path.
   *
   * <pre>{@code
   * // violates: azure/nics.json vm-a-nic has "disableTcpStateTracking": true
   * // fixed:    state tracking on (the default), or return rules in every NSG on the path, checked by hand
   * }</pre>
   */
  public static final Check<CheckContext> NIC_TCP_STATE_TRACKING_DISABLED = builtIn(
      "nic-tcp-state-tracking-disabled", Severity.WARNING,
      Checks.all(AksSubjects.nics())
      .that(AksSubjects.item("disable TCP state tracking", NetworkInterface::disableTcpStateTracking))
      .should(AksConditions.haveTheirReturnTrafficAnalysed()));

  /**
   * Every note the loaders made, as an info finding at its file and line: objects skipped (a kind outside the model,
   * an {@code az ... create} wrapper read through, inbound NAT rules not modelled), lenient readings, and what
   * {@code --skip-invalid} left out. Nothing the dumps hold is lost in silence.
   *
   * <pre>{@code
   * // violates: azure/nsgs.json holds an application gateway: "read as inventory, not yet on the path"
   * // fixed:    only resources aksreach models
   * }</pre>
   */
  public static final Check<CheckContext> LOAD_NOTES = builtIn("load-notes", Severity.INFO,
      Checks.all(AksSubjects.loadNotes())
      .should(AksConditions.notExist()));

  /** Every built-in check, in catalog order: the ingress and network checks, then {@link MigrationChecks#all()}. */
  public static List<Check<CheckContext>> all() {
    return Stream.concat(Stream.of(ALLOWLIST_UNDER_CLUSTER_POLICY, ALLOWLIST_ADMITS_SNAT_ADDRESSES, ALLOWLIST_INVALID_VALUE,
        FORWARDED_HEADERS_SPOOFABLE, PROXY_PROTOCOL_WITHOUT_PRIVATE_LINK, INGRESS_NGINX_PROBE_ON_ROOT,
        BACKEND_DOWN_BY_POLICY, CUSTOM_DENY_BLOCKS_PROBES, INTENT_ALLOWED_NOT_ALWAYS, INTENT_DENIED_REACHES,
        CLIENT_ADMITTED_IN_SOME_SUBNETS, CLUSTER_POLICY_LATERAL_OPENINGS, INGRESS_PODS_NOT_PINNED,
        INGRESS_SINGLE_NODE_OR_ZONE, INGRESS_TRAFFIC_IMBALANCE, SOURCE_RANGES_WITH_SERVICE_TAGS,
        INTERNAL_LB_WITHOUT_SOURCE_RANGES, NODEPORT_BYPASSES_SOURCE_RANGES, NSG_RULE_NEVER_DECIDES,
        NETWORK_POLICIES_NOT_ENFORCED, NSG_LEAST_PRIVILEGE, NIC_TCP_STATE_TRACKING_DISABLED, LOAD_NOTES),
        MigrationChecks.all().stream()).toList();
  }

  public static Optional<Check<CheckContext>> byId(String id) {
    return all().stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
