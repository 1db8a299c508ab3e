package io.github.aksreach.k8s.checks;

import io.github.aksreach.k8s.trace.Describe;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.nsg.eval.NsgHopKind;
import io.github.aksreach.core.check.Location;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.check.ViolationCollector;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksGraph;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.cluster.CloudProviderAzure;
import io.github.aksreach.k8s.cluster.NodeClasses;
import io.github.aksreach.k8s.aks.Openings;
import io.github.aksreach.k8s.model.Intent;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesAnalyzer;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesQuery;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesResult;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The load-balancer, NSG and NetworkPolicy checks of the catalog (see {@link AksChecks}). */
final class NetworkRules {
  private NetworkRules() {}

  private static boolean policyDrop(DropInfo d) {
    return d.kind() == NsgHopKind.NSG || d.kind() == AksHopKind.NETWORK_POLICY;
  }

  // ---------------------------------------------------------------- backends DOWN because of NSGs or NetworkPolicy

  static void backendDown(CheckContext ctx, BackendHealth b, ViolationCollector out) {
    if (b.state() == BackendHealth.State.UP || b.verdict().isEmpty()) {
      return;
    }
    List<PathResult> blocked = new ArrayList<>();
    for (PathResult p : b.verdict().get().paths()) {
      if (!p.delivered() && p.drop().isPresent() && policyDrop(p.drop().get())) {
        blocked.add(p);
      }
    }
    if (blocked.isEmpty()) {
      return;
    }
    DropInfo d = blocked.get(0).drop().get();
    Flow probe = b.probeFlow().orElse(Flow.of(Protocol.TCP, io.github.aksreach.k8s.aks.AksReachability.PROBE_SOURCE,
        55555, b.ip(), b.probe().map(x -> x.port()).orElse(0)));
    Flow seen = Support.dropHop(blocked.get(0)).map(h -> h.seen(probe)).orElse(probe);
    boolean forwarded = !seen.srcIp().equals(probe.srcIp());
    Optional<Location> where = d.rule().flatMap(r -> ctx.rule(d.origin(), r)).flatMap(ctx::location);
    if (where.isEmpty()) {
      where = ctx.location(b.node());
    }
    String fix = d.kind() == AksHopKind.NETWORK_POLICY
        ? "let the policy admit " + (forwarded ? "the node addresses kube-proxy forwards the probe from (an ipBlock "
            + "with the node subnets)" : "the probe") + " on port " + seen.dstPort()
            + ", or use externalTrafficPolicy: Local (the probe is then answered by kube-proxy on the node)"
        : "allow " + seen.srcIp() + (forwarded ? " (the node kube-proxy forwards the probe from)" : " (AzureLoadBalancer)")
            + " to " + seen.dst() + " in " + Describe.label(d.origin()) + " before "
            + d.rule().map(Object::toString).orElse("the deny")
            + (forwarded ? "; or use externalTrafficPolicy: Local so no probe is forwarded between nodes" : "");
    out.add(Violation.of("load-balancer backend " + b.node().name() + " (" + b.ip() + ") of frontend " + b.frontend()
            + " is " + b.state() + ": its probe " + b.probe().map(x -> x.describe()).orElse("") + " is denied by "
            + Describe.label(d.origin()) + d.rule().map(r -> " rule " + r).orElse("")
            + (forwarded ? " after kube-proxy forwarded it as " + seen.src() + " -> " + seen.dst() : ""))
        .withEvidence(b.reason())
        .withTrace(blocked)
        .withFix(fix)
        .at(where));
  }

  // ---------------------------------------------------------------- custom deny blocking probes

  /** The custom deny rules that drop some probe, in the order the backends' probes meet them. */
  static List<AksSubjects.ProbeDeny> probeDenies(CheckContext ctx) {
    ProbeHits hits = probeHits(ctx);
    return hits.byRule.keySet().stream().map(k -> new AksSubjects.ProbeDeny(hits.nsgOf.get(k), hits.rules.get(k)))
        .collect(Collectors.toList());
  }

  private record ProbeHits(Map<String, Set<String>> byRule, Map<String, SecurityRule> rules,
                           Map<String, String> nsgOf) {}

  /** Every probe path a custom deny rule drops, by NSG label and rule name. */
  private static ProbeHits probeHits(CheckContext ctx) {
    Map<String, Set<String>> byRule = new LinkedHashMap<>();
    Map<String, SecurityRule> rules = new LinkedHashMap<>();
    Map<String, String> nsgOf = new LinkedHashMap<>();
    for (BackendHealth b : ctx.analysis().health().backends()) {
      if (b.verdict().isEmpty() || b.probeFlow().isEmpty()) {
        continue;
      }
      for (PathResult p : b.verdict().get().paths()) {
        if (p.delivered() || p.drop().isEmpty() || p.drop().get().kind() != NsgHopKind.NSG
            || p.drop().get().rule().isEmpty()) {
          continue;
        }
        DropInfo d = p.drop().get();
        Optional<SecurityRule> r = ctx.rule(d.origin(), d.rule().get());
        if (r.isEmpty() || r.get().isDefault() || r.get().access() != Access.DENY) {
          continue;
        }
        String key = Describe.label(d.origin()) + "|" + r.get().name();
        Flow seen = Support.dropHop(p).map(h -> h.seen(b.probeFlow().get())).orElse(b.probeFlow().get());
        String tag = seen.srcIp().equals(io.github.aksreach.k8s.aks.AksReachability.PROBE_SOURCE)
            ? "AzureLoadBalancer" : "VirtualNetwork (node " + seen.srcIp() + ", the probe forwarded by kube-proxy)";
        byRule.computeIfAbsent(key, k -> new LinkedHashSet<>()).add("probe of " + b.node().name() + " seen as "
            + seen.src() + " -> " + seen.dst() + " [" + tag + "]");
        rules.put(key, r.get());
        nsgOf.put(key, Describe.label(d.origin()));
      }
    }
    return new ProbeHits(byRule, rules, nsgOf);
  }

  static void customDenyBlocksProbes(CheckContext ctx, AksSubjects.ProbeDeny deny, ViolationCollector out) {
    ProbeHits hits = probeHits(ctx);
    Map<String, String> nsgOf = hits.nsgOf();
    Map<String, Set<String>> byRule = hits.byRule();
    String key = deny.nsg() + "|" + deny.rule().name();
    for (Map.Entry<String, Set<String>> e : byRule.entrySet()) {
      if (!e.getKey().equals(key)) {
        continue;
      }
      SecurityRule r = deny.rule();
      boolean vnet = e.getValue().stream().anyMatch(x -> x.contains("VirtualNetwork"));
      boolean alb = e.getValue().stream().anyMatch(x -> x.contains("[AzureLoadBalancer]"));
      out.add(Violation.of("custom rule " + r.display() + " of " + nsgOf.get(e.getKey()) + " denies load-balancer "
              + "health probes" + (alb ? " from AzureLoadBalancer (168.63.129.16)" : "")
              + (vnet ? (alb ? " and" : "") + " forwarded between nodes (VirtualNetwork)" : "") + ": "
              + e.getValue().size() + " probe path(s) fail")
          .withEvidence(String.join("\n", e.getValue()))
          .withFix("add, before priority " + r.priority().value() + ", an allow rule for source AzureLoadBalancer"
              + (vnet ? " and, while externalTrafficPolicy is Cluster, for the node subnets to the ingress port" : "")
              + "; a custom deny-all must never precede them")
          .at(ctx.location(r)));
    }
  }

  // ---------------------------------------------------------------- loadBalancerSourceRanges + service tags

  static void sourceRangesWithTags(CheckContext ctx, Service svc, ViolationCollector out) {
    if (svc.azure().allowedServiceTags().isEmpty()) {
      return;
    }
    out.add(Violation.of("Service " + svc.key() + " sets both spec.loadBalancerSourceRanges "
            + svc.loadBalancerSourceRanges() + " and azure-allowed-service-tags " + svc.azure().allowedServiceTags()
            + ": the NSG admits the tagged sources, but kube-proxy's firewall chain (KUBE-FW) drops every source "
            + "outside loadBalancerSourceRanges, so the service tags never get through")
        .withEvidence("cloud-provider-azure only emits a ConflictConfiguration warning event; kube-proxy enforces "
            + "loadBalancerSourceRanges on the node")
        .withFix("use one mechanism: either the service tags (azure-allowed-service-tags, NSG only) plus "
            + "azure-allowed-ip-ranges for addresses, or loadBalancerSourceRanges with the tags' prefixes spelled out")
        .at(ctx.location(svc)));
  }

  // ---------------------------------------------------------------- internal LB without source ranges

  static void internalWithoutRanges(CheckContext ctx, Service svc, ViolationCollector out) {
    if (!svc.loadBalancerSourceRanges().isEmpty()
        || !svc.azure().allAllowedIpRanges().isEmpty() || !svc.azure().allowedServiceTags().isEmpty()) {
      return;
    }
    IpAddress fe = svc.frontendIps().get(0);
    Optional<Subnet> subnet = ctx.network().azure().subnetContaining(fe);
    IpSet vnet = ctx.network().resolver(subnet).virtualNetwork();
    Optional<VirtualNetwork> v = subnet.flatMap(ctx.network().azure()::vnetOf);
    String peerings = v.map(x -> x.toString()).orElse("");
    out.add(Violation.of("internal load balancer Service " + svc.key() + " (" + fe + ") has no source ranges: "
            + "cloud-provider-azure writes no NSG rule for it and kube-proxy no firewall chain, so every address of "
            + "the VirtualNetwork tag (the VNet, peered VNets, on-premises ranges behind gateways) may call it, "
            + "unless a subnet NSG says otherwise")
        .withEvidence("VirtualNetwork tag as seen from " + subnet.map(Subnet::name).orElse("the frontend's subnet")
            + ": " + Support.cidrs(vnet) + (peerings.isEmpty() ? "" : " (" + peerings + ")"))
        .withFix("set spec.loadBalancerSourceRanges to the callers (enforced by the NSG and by kube-proxy), and "
            + "service.beta.kubernetes.io/azure-deny-all-except-load-balancer-source-ranges: \"true\"")
        .at(ctx.location(svc)));
  }

  // ---------------------------------------------------------------- nodePort bypass of loadBalancerSourceRanges

  static void nodePortBypass(CheckContext ctx, Service svc, ViolationCollector out) {
    IpSet ranges = IpSet.ofPrefixes(svc.loadBalancerSourceRanges());
    for (ServicePort sp : svc.ports()) {
      if (sp.nodePort().isEmpty()) {
        continue;
      }
      Optional<Violation> v = bypass(ctx, svc, sp, ranges);
      if (v.isPresent()) {
        out.add(v.get());
        break;
      }
    }
  }

  /**
   * The first node, in the dump's order, that a client outside {@code ranges} reaches on {@code sp}'s nodePort. The
   * clients depend on the node's subnet and address family only, so they are chosen once for each. When none of them
   * is an address of the cluster, one node of each class ({@link NodeClasses#keys}: interchangeable for flows of
   * {@code svc}) in the subnet is tried: a later member of a class tried already meets its verdicts, which were NEVER,
   * so the node named is the one a walk over every node names, and the cost follows the classes, not the nodes. (A
   * client that is a pod or node of the cluster is served by its own node's kube-proxy, which the classes do not tell
   * apart: then every node is tried.)
   *
   * <p>Why {@link NodeClasses}' argument, made for flows of a load-balancing rule, holds for a nodePort flow from such
   * a client: its outbound NSGs and routing test the node's address only through the address sets the classes are cut
   * by, the node's NSG path is in the key, and at the node kube-proxy's first rule to match its own address and the
   * nodePort is {@code KUBE-NODEPORTS}, which leads to the same external chain a load-balancing rule without floating
   * IP leads to (the pod, hostPort and hostNetwork rules come after it).
   */
  private static Optional<Violation> bypass(CheckContext ctx, Service svc, ServicePort sp, IpSet ranges) {
    Function<Node, NodeClasses.Key> classes = ctx.network().classes().keys(Optional.of(svc));
    Map<List<Object>, BypassClients> clients = new HashMap<>();
    Set<List<Object>> tried = new HashSet<>();
    for (Node n : ctx.scenario().kubernetes().nodes()) {
      Optional<IpAddress> ip = n.primaryInternalIp();
      if (ip.isEmpty()) {
        continue;
      }
      Optional<Subnet> subnet = ctx.network().azure().subnetContaining(ip.get());
      List<Object> where = List.of(subnet.map(Subnet::id), ip.get().family());
      BypassClients c = clients.computeIfAbsent(where, w -> bypassClients(ctx, subnet, ip.get(), ranges));
      if (!c.inCluster() && !tried.add(List.of(where, classes.apply(n)))) {
        continue;
      }
      for (IpAddress src : c.sources()) {
        Flow f = Flow.of(sp.protocol(), src, 50000, ip.get(), sp.nodePort().getAsInt());
        Verdict v = ctx.analysis().check(f).verdict();
        if (v.kind() != Verdict.Kind.NEVER) {
          return Optional.of(Violation.of("Service " + svc.key() + " restricts its load balancer to "
                  + svc.loadBalancerSourceRanges() + ", but " + src + " (outside those ranges) reaches it through "
                  + "nodePort " + sp.nodePort().getAsInt() + " on node " + n.name() + " (" + v.kind() + "): "
                  + "nodePorts are not subject to loadBalancerSourceRanges")
              .withEvidence(Support.describe(v.paths(), f))
              .withTrace(v.paths())
              .withFix("deny the node ports (30000-32767) from outside the ranges in the node subnets' NSGs, or set "
                  + "spec.allocateLoadBalancerNodePorts: false (with externalTrafficPolicy: Local the probe uses "
                  + "healthCheckNodePort)")
              .at(ctx.location(svc)));
        }
      }
    }
    return Optional.empty();
  }

  /** The clients tried against the nodes of one subnet and family, and whether one of them is in the cluster. */
  private record BypassClients(List<IpAddress> sources, boolean inCluster) {}

  /** The clients outside {@code ranges} tried against a node at {@code ip} in {@code subnet}. */
  private static BypassClients bypassClients(CheckContext ctx, Optional<Subnet> subnet, IpAddress ip,
      IpSet ranges) {
    IpSet candidates = ctx.network().resolver(subnet).virtualNetwork().restrict(ip.family()).difference(ranges)
        .difference(ctx.network().nodeAddresses());
    List<IpAddress> sources = new ArrayList<>();
    candidates.first().ifPresent(sources::add);
    if (ip.family() == IpFamily.V4 && !ranges.contains(IpAddress.of(Support.OUTSIDE_CLIENT))) {
      sources.add(IpAddress.of(Support.OUTSIDE_CLIENT));
    }
    return new BypassClients(sources, sources.stream().anyMatch(ctx.network().clusterAddresses()::contains));
  }

  // ---------------------------------------------------------------- node-to-node openings Cluster mode forces

  /** Client flows for a Service's frontends: from intents that target it, else from an outside client. */
  static List<Flow> clientFlows(CheckContext ctx, Service svc) {
    List<Flow> out = new ArrayList<>();
    for (Intent i : ctx.scenario().config().intents()) {
      for (Flow f : ctx.clientFlows(i)) {
        if (svc.frontendIps().contains(f.dstIp())) {
          out.add(f);
        }
      }
    }
    if (out.isEmpty()) {
      IngressRules.representativeFlow(ctx, svc).ifPresent(out::add);
    }
    return out;
  }

  static void clusterNodeToNode(CheckContext ctx, Service svc, ViolationCollector out) {
    Map<String, Openings.Opening> lateral = new LinkedHashMap<>();
    int total = 0;
    for (Flow f : clientFlows(ctx, svc)) {
      List<Openings.Opening> os = Openings.required(ctx.openAnalysis(), f);
      total = Math.max(total, os.size());
      for (Openings.Opening o : os) {
        if (o.category() == Openings.Category.NODE_TO_NODE) {
          lateral.putIfAbsent(o.nsg() + "|" + o.inbound() + "|" + o.flow().srcIp() + "|" + o.flow().dst(), o);
        }
      }
    }
    if (lateral.isEmpty()) {
      return;
    }
    long missing = lateral.values().stream().filter(o -> !o.open()).count();
    out.add(Violation.of("Service " + svc.key() + " uses externalTrafficPolicy Cluster: kube-proxy forwards client "
            + "connections and probes between nodes, which needs " + lateral.size() + " node-to-node NSG opening(s)"
            + (missing > 0 ? " (" + missing + " missing today)" : "") + ": lateral movement between node pools "
            + "must be allowed")
        .withEvidence(lateral.values().stream().map(Object::toString).collect(Collectors.joining("\n")))
        .withFix("set externalTrafficPolicy: Local and pin the ingress pods to the ingress pool: then only the "
            + "ingress nodes receive traffic and no node-to-node opening is needed")
        .at(ctx.location(svc)));
  }

  // ---------------------------------------------------------------- clients allowed in some node subnets only

  static void clientSubnetsInconsistent(CheckContext ctx, Intent intent, ViolationCollector out) {
    for (Flow f : ctx.clientFlows(intent)) {
      Verdict v = ctx.analysis().check(f.withHttp(null, null), SolveOptions.defaults()).verdict();
      Map<String, String> denied = new LinkedHashMap<>();
      Set<String> admitted = new LinkedHashSet<>();
      List<PathResult> deniedPaths = new ArrayList<>();
      Optional<SecurityRule> ruleAt = Optional.empty();
      for (PathResult p : v.paths()) {
        String backend = Support.backend(p).orElse("?");
        Optional<Hop> h = Support.dropHop(p);
        boolean clientDenied = !p.delivered() && p.drop().isPresent()
            && p.drop().get().kind() == NsgHopKind.NSG && h.isPresent()
            && h.get().seen(f).srcIp().equals(f.srcIp());
        if (clientDenied) {
          denied.put(backend, Describe.label(p.drop().get().origin())
              + p.drop().get().rule().map(r -> " " + r).orElse(""));
          deniedPaths.add(p);
          if (ruleAt.isEmpty()) {
            ruleAt = p.drop().get().rule().flatMap(r -> ctx.rule(p.drop().get().origin(), r));
          }
        } else if (Support.backend(p).isPresent()) {
          admitted.add(backend);
        }
      }
      if (denied.isEmpty() || admitted.isEmpty()) {
        continue;
      }
      Optional<Location> where = ruleAt.flatMap(ctx::location);
      out.add(Violation.of("client " + f.srcIp() + " of intent " + intent.name() + " is admitted behind "
              + admitted + " but denied by the NSGs of " + denied.values() + ": the load balancer sends it to "
              + "every backend in rotation, so it reaches only SOMETIMES (delivered "
              + Support.percent(v.deliveredFraction()) + ")")
          .withEvidence(Support.describe(v.paths(), f))
          .withTrace(deniedPaths)
          .withFix("admit the client in every node subnet in the backend pool, or (better) use "
              + "externalTrafficPolicy: Local with the ingress pods pinned to one pool, so only that subnet needs "
              + "the client rule")
          .at(where.isPresent() ? where : ctx.intentLocation(intent)));
    }
  }

  // ---------------------------------------------------------------- shadowed or never-deciding NSG rules

  static void deadRules(CheckContext ctx, ShadowedRulesResult.Row row, ViolationCollector out) {
    String why = row.reason() == ShadowedRulesResult.Reason.EMPTY ? "matches no flow in " + row.context()
        : "is shadowed by " + row.shadowedBy().stream().map(SecurityRule::display).collect(Collectors.joining(", "))
        + (row.conflicting() ? ", which decide the opposite: the rule's intent is overridden"
        : ", which already decide the same");
    out.add(Violation.of("NSG rule " + row.rule().display() + " of " + row.nsg().name() + " ("
            + row.direction().azureName().toLowerCase(java.util.Locale.ROOT) + ") never decides a flow: it " + why)
        .withEvidence(row.toString())
        .withFix(row.conflicting() ? "give the rule a priority number lower than "
            + row.shadowedBy().stream().mapToInt(x -> x.priority().value()).min().orElse(0)
            + " if it is meant to apply, or delete it" : "delete the rule, or narrow the rules before it")
        .at(ctx.location(row.rule())));
  }

  // ---------------------------------------------------------------- NetworkPolicies without an engine

  static void policiesNotEnforced(CheckContext ctx, ViolationCollector out) {
    List<NetworkPolicy> ps = ctx.scenario().kubernetes().networkPolicies();
    if (ctx.network().enforcesNetworkPolicy()) {
      return;
    }
    out.add(Violation.of(ps.size() + " NetworkPolicy object(s) exist (" + ps.stream().map(NetworkPolicy::key)
            .limit(5).collect(Collectors.joining(", ")) + (ps.size() > 5 ? ", ..." : "") + "), but the cluster has "
            + "no network policy engine: none of them is enforced")
        .withEvidence("networkProfile.networkPolicy of az aks show and cluster.networkPolicy of scenario.yaml: "
            + ctx.scenario().policyEngine())
        .withFix("enable a policy engine (az aks update --network-policy azure|calico|cilium), or delete the "
            + "policies so nobody relies on them")
        .at(ctx.location(ps.get(0).provenance())));
  }

  /** Node pool subnets, for wording. */
  static String subnetOf(CheckContext ctx, Node n) {
    return ctx.network().nsgPath(n).subnet().map(Subnet::name).orElse("?");
  }

  /** The CIDR list of a prefix list. */
  static String prefixes(List<IpPrefix> ps) {
    return ps.stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
  }

  /** Unused here; keeps the managed-rule priority floor visible to readers of the fixes. */
  static int managedFloor() {
    return CloudProviderAzure.MIN_PRIORITY;
  }
}
