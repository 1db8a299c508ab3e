package io.github.aksreach.k8s.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.Checks;
import io.github.aksreach.core.check.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The built-in catalog is written on the fluent check API: each check is {@code all(items).that(...).should(...)},
 * its description the sentence the API composes, with the catalog's id and severity.
 */
class FluentCatalogTest {
  /** Every check's sentence, in catalog order: subjects, "that" predicates, "should" condition. */
  static final Map<String, String> SENTENCES = new LinkedHashMap<>();

  static {
    SENTENCES.put("allowlist-under-cluster-policy", "Ingress routes that are served under externalTrafficPolicy "
        + "Cluster and have a valid NGINX allow-list should let NGINX see the clients' addresses, not kube-proxy's "
        + "SNAT (externalTrafficPolicy Local)");
    SENTENCES.put("allowlist-admits-snat-addresses", "Ingress routes that are served under externalTrafficPolicy "
        + "Cluster and have a valid NGINX allow-list should not allow the node or pod addresses kube-proxy "
        + "masquerades to");
    SENTENCES.put("allowlist-invalid-value", "Ingresses served by ingress-nginx should have access-list annotations "
        + "that are valid addresses or CIDRs");
    SENTENCES.put("forwarded-headers-spoofable", "ingress-nginx controllers that trust forwarded-for headers from "
        + "every peer should not filter clients by address");
    SENTENCES.put("proxy-protocol-without-private-link", "ingress Services that expect PROXY protocol should be "
        + "behind a Private Link Service that sends it");
    SENTENCES.put("ingress-nginx-probe-on-root", "HTTP probes of ingress-nginx Services that run under "
        + "externalTrafficPolicy Cluster should request /healthz, not /");
    SENTENCES.put("backend-down-by-policy", "load-balancer backends should be UP, not held DOWN by an NSG or a "
        + "NetworkPolicy");
    SENTENCES.put("custom-deny-blocks-probes", "custom NSG deny rules on probe paths should not block the load "
        + "balancer's health probes");
    SENTENCES.put("intent-allowed-not-always", "intents should be reached ALWAYS by the clients they allow");
    SENTENCES.put("intent-denied-reaches", "intents should be reached NEVER by the sources they deny");
    SENTENCES.put("client-admitted-in-some-subnets", "intents should have their clients admitted by the NSGs of "
        + "every backend node they can be sent to");
    SENTENCES.put("cluster-policy-lateral-openings", "LoadBalancer Services that use externalTrafficPolicy Cluster "
        + "should not need node-to-node NSG openings (lateral movement)");
    SENTENCES.put("ingress-pods-not-pinned", "ingress-nginx controllers that serve a Service with "
        + "externalTrafficPolicy Local should have their pods pinned to the ingress node pool");
    SENTENCES.put("ingress-single-node-or-zone", "ingress-nginx controllers should run their ready pods on more "
        + "than one node and zone");
    SENTENCES.put("ingress-traffic-imbalance", "ingress Services should spread client connections evenly over the "
        + "ingress controller pods");
    SENTENCES.put("source-ranges-with-service-tags", "LoadBalancer Services that set loadBalancerSourceRanges "
        + "should not also set azure-allowed-service-tags");
    SENTENCES.put("internal-lb-without-source-ranges", "LoadBalancer Services that are internal and have a frontend "
        + "address should restrict their callers with loadBalancerSourceRanges");
    SENTENCES.put("nodeport-bypasses-source-ranges", "LoadBalancer Services that set loadBalancerSourceRanges "
        + "should not be reached through their nodePorts from outside the ranges");
    SENTENCES.put("nsg-rule-never-decides", "custom NSG rules should decide some flow");
    SENTENCES.put("network-policies-not-enforced", "clusters that have NetworkPolicies should enforce them with a "
        + "policy engine");
    SENTENCES.put("nsg-least-privilege", "the NSGs on intents' paths should open exactly what each intent needs");
    SENTENCES.put("nic-tcp-state-tracking-disabled", "network interfaces that disable TCP state tracking should "
        + "have their return traffic analysed");
    SENTENCES.put("load-notes", "objects the loaders skipped, read leniently or left out should not exist");
    SENTENCES.put("allowlist-lost-in-migration", "Istio Gateways should keep the allow-lists of the Ingresses whose "
        + "hosts they serve");
    SENTENCES.put("authz-ipblocks-under-cluster-policy", "Istio Gateways should see their clients' addresses where "
        + "policies check ipBlocks (externalTrafficPolicy Local)");
    SENTENCES.put("authz-policy-selects-no-gateway-pod", "AuthorizationPolicies with a selector next to a Gateway "
        + "should select some pod");
    SENTENCES.put("remote-ipblocks-spoofable", "Istio Gateways should not let clients choose remote.ip");
    SENTENCES.put("gateway-status-port-public", "Istio Gateways should not expose status port 15021 to the Internet");
    SENTENCES.put("gateway-probe-on-root", "Istio Gateways should be probed where a route answers");
    SENTENCES.put("probe-annotations-under-local-policy", "LoadBalancer Services that use externalTrafficPolicy "
        + "Local should not carry health-probe annotations that Local ignores or moves off healthCheckNodePort");
    SENTENCES.put("backend-policy-admits-old-ingress-only", "Istio Gateways should be admitted by their backends' "
        + "NetworkPolicies");
    SENTENCES.put("wildcard-host-widened", "Istio Gateways should not serve hosts deeper than the Ingress wildcards "
        + "they replace");
    SENTENCES.put("tls-host-without-https-redirect", "Istio Gateways should redirect plain HTTP to HTTPS for hosts "
        + "with TLS");
  }

  @Test
  void everyCheckIsAFluentSentence() {
    Map<String, String> actual = AksChecks.all().stream()
        .collect(Collectors.toMap(Check::id, Check::description, (a, b) -> a, LinkedHashMap::new));
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(SENTENCES.keySet());
    for (Check<CheckContext> c : AksChecks.all()) {
      assertThat(c).as(c.id()).isInstanceOf(Checks.ItemsCheck.class);
      assertThat(c.description()).as(c.id()).isEqualTo(SENTENCES.get(c.id()));
    }
  }

  @Test
  void theFluentFormKeepsTheCatalogsIdsAndSeverities() {
    assertThat(AksChecks.BACKEND_DOWN_BY_POLICY.id()).isEqualTo("backend-down-by-policy");
    assertThat(AksChecks.BACKEND_DOWN_BY_POLICY.severity()).isEqualTo(Severity.ERROR);
    assertThat(AksChecks.NSG_LEAST_PRIVILEGE.severity()).isEqualTo(Severity.WARNING);
    // 22 ingress and network checks (10 warnings, 12 errors), then the 10 migration checks (4 warnings, 6 errors)
    assertThat(AksChecks.NIC_TCP_STATE_TRACKING_DISABLED.severity()).isEqualTo(Severity.WARNING);
    assertThat(AksChecks.all().stream().filter(c -> c.severity() == Severity.WARNING).count()).isEqualTo(14);
    assertThat(AksChecks.all().stream().filter(c -> c.severity() == Severity.ERROR).count()).isEqualTo(18);
  }

  @Test
  void aCheckBuiltTheSameWayFromTheSubjectsAndConditionsReadsTheSame() {
    Check<CheckContext> mine = Checks.all(AksSubjects.intentsIn())
        .should(AksConditions.beReachedAlwaysByTheClientsTheyAllow());
    assertThat(mine.description()).isEqualTo(AksChecks.INTENT_ALLOWED_NOT_ALWAYS.description());
    // a user's own check without allowEmpty fails loudly on a scenario without intents
    assertThat(mine.id()).startsWith("custom/intents-should-be-reached-always");
  }
}
