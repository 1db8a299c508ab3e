package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.solver.Action;
import io.github.aksreach.nsg.eval.NsgHopKind;
import io.github.aksreach.nsg.eval.NsgOrigin;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.k8s.aks.AksGraph;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.aks.Openings;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.Intent;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.check.ViolationCollector;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Least-privilege NSG advice: for each intent, the minimal NSG openings every subnet and NIC on its paths needs under
 * the current traffic policy (the client's flow, the load balancer's probes of the backends it needs, and what
 * kube-proxy and NGINX forward), which of them are missing today, and which allow rules on those NSGs no intent
 * needs (excess). {@link #compare} shows the same for the other {@code externalTrafficPolicy}.
 *
 * <pre>{@code
 * for (LeastPrivilege.Advice a : LeastPrivilege.advise(ctx)) {
 *   a.required();   // every opening, with the header the NSG sees and whether it is open
 *   a.missing();    // required and not open
 *   a.excess();     // allow rules on the path that decide none of them (AllowNodesToIngress under Local)
 * }
 * LeastPrivilege.Comparison c = LeastPrivilege.compare(ctx, intent);
 * c.summary();   // "Cluster: 11 openings, 4 node-to-node, client admitted in 3 subnets; Local: 4, 0, 1"
 * }</pre>
 */
public final class LeastPrivilege {
  private LeastPrivilege() {}

  /**
   * An allow rule that admits traffic no intent needs.
   *
   * <pre>{@code
   * advice.excess().get(0).rule().name();   // "AllowNodesToIngress" under Local
   * }</pre>
   *
   * @param nsg the NSG
   * @param rule the rule
   */
  public record Excess(NetworkSecurityGroup nsg, SecurityRule rule) {
    @Override
    public String toString() {
      return nsg.name() + " " + rule.display() + " admits traffic none of the intents needs";
    }
  }

  /**
   * The advice for one intent.
   *
   * <pre>{@code
   * LeastPrivilege.Advice a = LeastPrivilege.advise(ctx).get(0);
   * a.summary();   // "Cluster: 22 NSG openings (8 node-to-node, client admitted in 3 subnet NSG(s)), 2 missing, ..."
   * a.evidence();  // one line per opening: open/MISSING, NSG, direction, header seen, category, deciding rule
   * }</pre>
   *
   * @param intent the intent
   * @param policy the externalTrafficPolicy of the intent's Service (Cluster when unknown)
   * @param required every NSG opening its allowed clients need, probes and forwarding included
   * @param excess allow rules on the same NSGs that decide none of the required openings of any intent
   */
  public record Advice(Intent intent, TrafficPolicy policy, List<Openings.Opening> required, List<Excess> excess) {
    public Advice {
      required = List.copyOf(required);
      excess = List.copyOf(excess);
    }

    public List<Openings.Opening> missing() {
      return required.stream().filter(o -> !o.open()).collect(Collectors.toList());
    }

    public long count(Openings.Category c) {
      return required.stream().filter(o -> o.category() == c).count();
    }

    /** The subnet NSGs that must admit the client's own address. */
    public long clientSubnets() {
      return required.stream().filter(o -> o.category() == Openings.Category.CLIENT && o.inbound()
          && o.nsg().onSubnet()).map(Openings.Opening::nsg).distinct().count();
    }

    public String summary() {
      return policy.apiName() + ": " + required.size() + " NSG openings (" + count(Openings.Category.NODE_TO_NODE)
          + " node-to-node, client admitted in " + clientSubnets() + " subnet NSG(s)), " + missing().size()
          + " missing, " + excess.size() + " excess rule(s)";
    }

    /** The evidence a finding carries: the summary, then one line per opening and per excess rule. */
    public String evidence() {
      StringBuilder sb = new StringBuilder("intent " + intent.name() + " under externalTrafficPolicy " + summary());
      for (Openings.Opening o : required) {
        sb.append("\n  ").append(o);
      }
      for (Excess e : excess) {
        sb.append("\n  EXCESS  ").append(e);
      }
      return sb.toString();
    }
  }

  /**
   * What an intent needs under each traffic policy.
   *
   * <pre>{@code
   * LeastPrivilege.Comparison c = LeastPrivilege.compare(ctx, intent);
   * c.cluster().count(Openings.Category.NODE_TO_NODE);   // 8 in the lab
   * c.local().count(Openings.Category.NODE_TO_NODE);     // 0
   * }</pre>
   *
   * @param cluster the needs under externalTrafficPolicy Cluster
   * @param local the needs under externalTrafficPolicy Local
   */
  public record Comparison(Advice cluster, Advice local) {
    public String summary() {
      return "intent " + cluster.intent().name() + ": " + cluster.summary() + "; " + local.summary();
    }
  }

  /** The advice for every intent of the scenario, under its current traffic policies. */
  public static List<Advice> advise(CheckContext ctx) {
    return advise(ctx.scenario(), ctx.options());
  }

  static List<Advice> advise(Scenario s, AksOptions options) {
    AksReachability open = AksReachability.of(s, Openings.assumingOpenNsgs(options));
    Map<Intent, List<Openings.Opening>> needs = new LinkedHashMap<>();
    CheckContext ctx = CheckContext.of(s, java.util.Optional.empty(), options);
    for (Intent i : s.config().intents()) {
      Map<List<Object>, Openings.Opening> req = new LinkedHashMap<>();
      for (Flow f : ctx.clientFlows(i)) {
        Set<String> backends = new LinkedHashSet<>();
        for (Openings.Opening o : Openings.required(open, f)) {
          req.putIfAbsent(key(o), o);
        }
        for (PathResult p : open.check(f, io.github.aksreach.core.solver.SolveOptions.explaining()).verdict().paths()) {
          Support.backendNode(p).ifPresent(backends::add);
        }
        for (Openings.Opening o : probeOpenings(s, open, f, backends)) {
          req.putIfAbsent(key(o), o);
        }
      }
      needs.put(i, new ArrayList<>(req.values()));
    }
    Set<String> deciding = new LinkedHashSet<>();
    Set<String> nsgsOnPaths = new LinkedHashSet<>();
    for (List<Openings.Opening> os : needs.values()) {
      for (Openings.Opening o : os) {
        String nsg = o.nsg().nsgName().orElseThrow();
        nsgsOnPaths.add(nsg);
        o.rule().ifPresent(r -> deciding.add(nsg + "|" + r.name()));
      }
    }
    List<Advice> out = new ArrayList<>();
    for (Map.Entry<Intent, List<Openings.Opening>> e : needs.entrySet()) {
      Set<String> mine = e.getValue().stream().map(o -> o.nsg().nsgName().orElseThrow()).collect(Collectors.toCollection(
          LinkedHashSet::new));
      List<Excess> excess = new ArrayList<>();
      for (NetworkSecurityGroup nsg : ctx.network().azure().nsgs()) {
        if (!mine.contains(nsg.name())) {
          continue;
        }
        for (SecurityRule r : nsg.rules(Direction.INBOUND)) {
          if (!r.isDefault() && r.access() == Access.ALLOW && r.provenance().isPresent()
              && !deciding.contains(nsg.name() + "|" + r.name())) {
            excess.add(new Excess(nsg, r));
          }
        }
      }
      out.add(new Advice(e.getKey(), policyOf(ctx, e.getKey()), e.getValue(), excess));
    }
    return out;
  }

  private static TrafficPolicy policyOf(CheckContext ctx, Intent i) {
    return ctx.targets(i).stream().flatMap(t -> t.service().stream()).map(Service::externalTrafficPolicy).findFirst()
        .orElse(TrafficPolicy.CLUSTER);
  }

  private static List<Object> key(Openings.Opening o) {
    return List.of(o.nsg(), o.flow().srcIp(), o.flow().dst());
  }

  /** The NSG hops of the probes of the backends the client's paths use (health traced with open NSGs). */
  private static List<Openings.Opening> probeOpenings(Scenario s, AksReachability open, Flow client,
                                                      Set<String> backends) {
    List<Openings.Opening> out = new ArrayList<>();
    for (BackendHealth b : open.health().backends()) {
      if (!b.frontend().equals(client.dstIp()) || b.state() == BackendHealth.State.DOWN || b.verdict().isEmpty()
          || b.probeFlow().isEmpty() || !backends.contains(b.node().name())) {
        continue;
      }
      Flow probe = b.probeFlow().get();
      for (PathResult p : b.verdict().get().paths()) {
        if (!p.delivered() && !p.blockers().stream().allMatch(d -> d.kind() == NsgHopKind.NSG)) {
          continue;
        }
        for (Hop h : p.hops()) {
          if (!(h.origin() instanceof NsgOrigin) || !((NsgOrigin) h.origin()).hasNsg()) {
            continue;
          }
          Flow seen = h.seen(probe);
          boolean nodeSource = s.kubernetes().nodes().stream().anyMatch(n -> n.internalIps().contains(seen.srcIp()));
          Optional<RuleRef> rule = h.rule();
          out.add(new Openings.Opening((NsgOrigin) h.origin(), seen.withSrc(seen.srcIp(), 0),
              h.action() != Action.DENIED, rule,
              nodeSource ? Openings.Category.NODE_TO_NODE : Openings.Category.OTHER));
        }
      }
    }
    return out;
  }

  /** The intent's needs under Cluster and under Local (the intent's Service switched, all else unchanged). */
  public static Comparison compare(CheckContext ctx, Intent intent) {
    Optional<Service> svc = ctx.targets(intent).stream().flatMap(t -> t.service().stream()).findFirst();
    Advice cluster = forPolicy(ctx, intent, svc, TrafficPolicy.CLUSTER);
    Advice local = forPolicy(ctx, intent, svc, TrafficPolicy.LOCAL);
    return new Comparison(cluster, local);
  }

  private static Advice forPolicy(CheckContext ctx, Intent intent, Optional<Service> svc, TrafficPolicy policy) {
    Scenario s = ctx.scenario();
    if (svc.isPresent() && svc.get().externalTrafficPolicy() != policy) {
      s = withPolicy(s, svc.get(), policy);
    }
    for (Advice a : advise(s, ctx.options())) {
      if (a.intent().equals(intent)) {
        return a;
      }
    }
    throw new IllegalArgumentException("intent " + intent.name() + " is not in the scenario");
  }

  /** The scenario with one Service's externalTrafficPolicy switched (Local gets a healthCheckNodePort). */
  static Scenario withPolicy(Scenario s, Service svc, TrafficPolicy policy) {
    Service changed = svc.withExternalTrafficPolicy(policy);
    if (policy == TrafficPolicy.LOCAL && svc.healthCheckNodePort().isEmpty()) {
      Set<Integer> used = new LinkedHashSet<>();
      s.kubernetes().services().forEach(x -> {
        x.healthCheckNodePort().ifPresent(used::add);
        x.ports().forEach(p -> p.nodePort().ifPresent(used::add));
      });
      int port = 32767;
      while (used.contains(port)) {
        port--;
      }
      changed = changed.withHealthCheckNodePort(port);
    }
    if (policy == TrafficPolicy.CLUSTER) {
      changed = changed.withHealthCheckNodePort(java.util.OptionalInt.empty());
    }
    List<Service> services = new ArrayList<>();
    for (Service x : s.kubernetes().services()) {
      services.add(x.key().equals(svc.key()) ? changed : x);
    }
    KubernetesCluster k = s.kubernetes().withServices(services);
    return new Scenario(s.name(), s.azure(), k, s.aks(), s.config(), s.notes());
  }

  /** The catalog's finding for one advice: what is missing and what is in excess, with the policy comparison. */
  static void check(CheckContext ctx, Advice a, ViolationCollector out) {
    if (a.missing().isEmpty() && a.excess().isEmpty()) {
      return;
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
        .withEvidence(a.evidence() + (cmp.isEmpty() ? "" : "\n" + cmp))
        .withFix((a.missing().isEmpty() ? "" : "open the MISSING openings listed (or change the traffic policy, "
            + "see the comparison); ") + (a.excess().isEmpty() ? "" : "remove or narrow the excess rules"))
        .at(where));
  }
}
