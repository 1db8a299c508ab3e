package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.PolicyCondition;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.check.ViolationCollector;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.checks.AksSubjects.In;
import io.github.aksreach.k8s.checks.AksSubjects.IngressRoute;
import io.github.aksreach.k8s.checks.AksSubjects.IngressService;
import io.github.aksreach.k8s.checks.AksSubjects.ProbeDeny;
import io.github.aksreach.k8s.checks.AksSubjects.ServedIngress;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.Intent;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesResult;
import java.util.Locale;

/**
 * Conditions and check shapes for users' own AKS checks: "every LB backend should be UP", "this flow should be
 * delivered ALWAYS".
 *
 * <pre>{@code
 * Check<CheckContext> up = Checks.all(AksSubjects.backends()).should(AksConditions.beUp());
 * Check<CheckContext> vm = AksConditions.flow(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80"))
 *     .should(Verdict.Kind.ALWAYS).withId("team:vm-reaches-api");
 * vm.evaluate(ctx).assertNoViolations();   // fails with the verdict and every path
 * }</pre>
 */
public final class AksConditions {
  private AksConditions() {}

  /** A backend probed UP; a violation carries the probe's reason and trace. */
  public static PolicyCondition<BackendHealth> beUp() {
    return PolicyCondition.of("be UP", (b, out) -> {
      if (b.state() != BackendHealth.State.UP) {
        Violation v = Violation.of("backend " + b.node().name() + " (" + b.ip() + ") of frontend " + b.frontend()
                + " is " + b.state())
            .withEvidence("probe " + b.probe().map(p -> p.describe()).orElse("none") + ": " + b.reason())
            .withFix("follow the probe's path in the evidence: the NSG, NetworkPolicy or endpoint that fails it");
        out.add(b.verdict().map(x -> v.withTrace(x.paths())).orElse(v));
      }
    });
  }

  // ---------------------------------------------------------------- the built-in catalog's conditions

  private static <T> PolicyCondition<In<T>> in(String description, Body<T> body) {
    return PolicyCondition.of(description, (i, out) -> body.check(i.ctx(), i.item(), out));
  }

  /** The logic of a condition over an item and its context. */
  @FunctionalInterface
  private interface Body<T> {
    void check(CheckContext ctx, T item, ViolationCollector out);
  }

  /** NGINX sees the allowed client's address on every path, not a node's (traced). */
  public static PolicyCondition<In<IngressRoute>> letNginxSeeTheClients() {
    return in("let NGINX see the clients' addresses, not kube-proxy's SNAT (externalTrafficPolicy Local)",
        IngressRules::allowListSnat);
  }

  /** The allow-list admits no one else through the node or pod addresses it contains (exact, as CIDRs). */
  public static PolicyCondition<In<IngressRoute>> notAllowTheSnatAddresses() {
    return in("not allow the node or pod addresses kube-proxy masquerades to", IngressRules::allowListAdmitsSnat);
  }

  /** Every access-list annotation parses. */
  public static PolicyCondition<In<ServedIngress>> haveValidAccessLists() {
    return in("have access-list annotations that are valid addresses or CIDRs", IngressRules::allowListInvalid);
  }

  /** No Ingress nor the ConfigMap filters clients by address. */
  public static PolicyCondition<In<IngressNginxController>> notFilterClientsByAddress() {
    return in("not filter clients by address", IngressRules::forwardedHeadersSpoofable);
  }

  /** A Private Link Service with PROXY protocol is in front of the Service. */
  public static PolicyCondition<In<IngressService>> beBehindAPrivateLinkServiceThatSendsIt() {
    return in("be behind a Private Link Service that sends it", IngressRules::proxyProtocolWithoutPls);
  }

  /** The probe's request path is not {@code /}. */
  public static PolicyCondition<In<LbRuleSpec>> requestHealthzNotRoot() {
    return in("request /healthz, not /", IngressRules::probeOnRoot);
  }

  /** No NSG or NetworkPolicy drop holds the backend DOWN (traced). */
  public static PolicyCondition<In<BackendHealth>> beUpNotHeldDownByPolicy() {
    return in("be UP, not held DOWN by an NSG or a NetworkPolicy", NetworkRules::backendDown);
  }

  /** The rule drops no load-balancer probe. */
  public static PolicyCondition<In<ProbeDeny>> notBlockHealthProbes() {
    return in("not block the load balancer's health probes", NetworkRules::customDenyBlocksProbes);
  }

  /** Every source the intent allows reaches its target ALWAYS (symbolic). */
  public static PolicyCondition<In<Intent>> beReachedAlwaysByTheClientsTheyAllow() {
    return in("be reached ALWAYS by the clients they allow", IntentRules::allowNotAlways);
  }

  /** No source the intent denies reaches its target (symbolic). */
  public static PolicyCondition<In<Intent>> beReachedNeverByTheSourcesTheyDeny() {
    return in("be reached NEVER by the sources they deny", IntentRules::denyReaches);
  }

  /** Each client is admitted by the NSGs of every backend node or of none. */
  public static PolicyCondition<In<Intent>> haveTheirClientsAdmittedBehindEveryBackend() {
    return in("have their clients admitted by the NSGs of every backend node they can be sent to",
        NetworkRules::clientSubnetsInconsistent);
  }

  /** The Service's client flows need no node-to-node NSG opening. */
  public static PolicyCondition<In<Service>> notNeedNodeToNodeOpenings() {
    return in("not need node-to-node NSG openings (lateral movement)", NetworkRules::clusterNodeToNode);
  }

  /** The controller's live pods run in one pool and a nodeSelector keeps them there. */
  public static PolicyCondition<In<IngressNginxController>> havePodsPinnedToTheIngressPool() {
    return in("have their pods pinned to the ingress node pool", IngressRules::notPinned);
  }

  /** The controller's ready pods run on two nodes or more, in two zones or more (when zones are known). */
  public static PolicyCondition<In<IngressNginxController>> runOnMoreThanOneNodeAndZone() {
    return in("run their ready pods on more than one node and zone", IngressRules::singleNodeOrZone);
  }

  /** No ready controller pod gets more than 1.5 times another's share of client connections. */
  public static PolicyCondition<In<IngressService>> spreadConnectionsEvenly() {
    return in("spread client connections evenly over the ingress controller pods", IngressRules::trafficImbalance);
  }

  /** The Service sets no azure-allowed-service-tags. */
  public static PolicyCondition<In<Service>> notAlsoSetServiceTags() {
    return in("not also set azure-allowed-service-tags", NetworkRules::sourceRangesWithTags);
  }

  /** The Service sets loadBalancerSourceRanges, azure-allowed-ip-ranges or service tags. */
  public static PolicyCondition<In<Service>> restrictCallersWithSourceRanges() {
    return in("restrict their callers with loadBalancerSourceRanges", NetworkRules::internalWithoutRanges);
  }

  /** No source outside the ranges reaches a node's nodePort of the Service (traced). */
  public static PolicyCondition<In<Service>> notBeReachedThroughNodePortsFromOutside() {
    return in("not be reached through their nodePorts from outside the ranges", NetworkRules::nodePortBypass);
  }

  /** Violated by each rule the shadowed-rules analysis reports (shadowed or matching nothing). */
  public static PolicyCondition<In<ShadowedRulesResult.Row>> decideSomeFlow() {
    return in("decide some flow", NetworkRules::deadRules);
  }

  /** The cluster has a NetworkPolicy engine. */
  public static PolicyCondition<In<Scenario>> enforceThemWithAPolicyEngine() {
    return in("enforce them with a policy engine", (ctx, s, out) -> NetworkRules.policiesNotEnforced(ctx, out));
  }

  /**
   * Nothing was skipped, read leniently or left out while loading: each note is a finding at its file and line, so
   * nothing the dumps hold is lost in silence.
   */
  public static PolicyCondition<In<io.github.aksreach.core.model.ModelError>> notExist() {
    return in("not exist", (ctx, n, out) -> out.add(Violation.of(n.message())
        .withEvidence(n.toString())
        .withFix(n.message().contains("left out (--skip-invalid)") ? "correct the object, or accept that the"
            + " analysis runs without it" : "nothing to fix if the object is meant to be outside the model; otherwise"
            + " dump it in a shape aksreach reads (CONTRACTS.md 1)")
        .at(n.file().isEmpty() ? java.util.Optional.<io.github.aksreach.core.check.Location>empty()
            : java.util.Optional.of(ctx.locator().file(n.file(), n.path())))));
  }

  /**
   * Violated by every NIC it is given: aksreach evaluates the forward direction of a flow only, and with TCP state
   * tracking off the return direction is decided by the NSGs' rules of the opposite direction, which it does not
   * check. Located at the NIC's {@code disableTcpStateTracking} field.
   */
  public static PolicyCondition<In<io.github.aksreach.nsg.model.NetworkInterface>> haveTheirReturnTrafficAnalysed() {
    return in("have their return traffic analysed", (ctx, nic, out) -> {
      java.util.List<String> nsgs = new java.util.ArrayList<>();
      var path = ctx.network().azure().nsgsOnPath(nic);
      path.subnetNsg().ifPresent(n -> nsgs.add(n.name() + " (subnet " + path.subnet().map(s -> s.name()).orElse("?")
          + ", inbound and outbound rules)"));
      path.nicNsg().ifPresent(n -> nsgs.add(n.name() + " (NIC)"));
      out.add(Violation.of("network interface " + nic.name() + " has disableTcpStateTracking: its NSGs evaluate TCP "
              + "statelessly, so the return packets of every TCP flow through it must be allowed by a rule of the "
              + "opposite direction; aksreach answers for the forward direction only and does not check the return")
          .withEvidence("NSGs on its path: " + (nsgs.isEmpty() ? "none (no NSG: nothing to allow the return)"
              : String.join(", ", nsgs)))
          .withFix("keep TCP state tracking on (remove disableTcpStateTracking) unless the stateless mode is needed; "
              + "otherwise add, for each flow, the rule admitting its return in the opposite direction and check it "
              + "with aksreach check for the reversed flow")
          .at(nic.provenance().map(p -> ctx.locator().azure(new io.github.aksreach.nsg.model.Provenance(p.file(),
              (p.path().isEmpty() ? "" : p.path() + ".") + "disableTcpStateTracking")))));
    });
  }

  /** The advice lists nothing missing and nothing in excess. */
  public static PolicyCondition<In<LeastPrivilege.Advice>> openExactlyWhatEachIntentNeeds() {
    return in("open exactly what each intent needs", LeastPrivilege::check);
  }

  /** Starts a check about one concrete flow (with its HTTP host and path, if any). */
  public static FlowExpectation flow(Flow f) {
    return new FlowExpectation(f);
  }

  /**
   * A check shape: one flow should get a given verdict.
   *
   * <pre>{@code
   * AksConditions.flow(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")).should(Verdict.Kind.ALWAYS);
   * }</pre>
   *
   * @param flow the flow
   */
  public record FlowExpectation(Flow flow) {
    /** The check: the flow's verdict should be {@code expected}; a violation lists every path. */
    public Check<CheckContext> should(Verdict.Kind expected) {
      String sentence = "flows " + flow + " should be delivered " + expected;
      String id = "custom/flow-" + flow.srcIp() + "-" + flow.dstIp() + "-" + flow.dstPort() + "-"
          + expected.name().toLowerCase(Locale.ROOT);
      return Check.define(id, Severity.ERROR, sentence, (ctx, out) -> {
        Verdict v = ctx.analysis().check(flow).verdict();
        if (v.kind() != expected) {
          out.add(Violation.of(flow + " is delivered " + v.kind() + " (" + Support.percent(v.deliveredFraction())
                  + "), not " + expected)
              .withEvidence(Support.describe(v.paths(), flow))
              .withTrace(v.paths())
              .withFix("follow the dropped paths in the evidence"));
        }
      });
    }
  }
}
