package io.github.aksreach.examples.lab;

import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.Describe;
import io.github.aksreach.k8s.trace.LbOrigin;
import io.github.aksreach.k8s.trace.IngressOrigin;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.check.CheckResult;
import io.github.aksreach.core.check.Finding;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.aks.FlowLogExplanation;
import io.github.aksreach.k8s.aks.FlowLogTuple;
import io.github.aksreach.k8s.aks.FlowLogs;
import io.github.aksreach.k8s.aks.Openings;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.cluster.ScenarioLoader;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.output.Json;
import io.github.aksreach.k8s.checks.AksChecks;
import io.github.aksreach.k8s.checks.CheckContext;
import io.github.aksreach.k8s.model.Node;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The article's seven observations, reproduced from configuration alone: each one loads the step's scenario, asks
 * aksreach, and says what it found and whether that is what the article observed.
 *
 * <pre>{@code
 * Lab.Observation o = Lab.observe(4);
 * o.verdict();              // Optional[SOMETIMES]
 * o.deliveredFraction();    // 0.3333
 * o.reproduced();           // true
 * Lab.all().forEach(x -> System.out.println(x.toText()));
 * }</pre>
 */
public final class Lab {
  /** The article's client flow: the VM calls the weather API through the internal load balancer. */
  public static final Flow CLIENT_FLOW = Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")
      .withHttp("demoapi.eyskens.corp", "/weatherforecast");
  /** The tuple the article found in the user subnet NSG's flow log. */
  public static final String FLOW_LOG_TUPLE = "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B,,,,";

  public static final String SYSTEM_NODE = "aks-nodepool1-41831646-vmss000001";
  public static final String INGRESS_NODE = "aks-ingress-41831646-vmss000000";
  public static final String USER_NODE = "aks-user-28786594-vmss000001";

  private Lab() {}

  /**
   * One observation.
   *
   * @param step the article step, 1 to 7
   * @param title what the step sets up
   * @param scenario the bundled scenario directory it runs on
   * @param article what the article observed
   * @param verdict the client flow's verdict, where the step asks for one
   * @param deliveredFraction the delivered fraction, 4 decimals
   * @param details what aksreach found, line by line
   * @param reproduced whether the findings match the article
   */
  public record Observation(int step, String title, String scenario, String article, Optional<Verdict.Kind> verdict,
                            Optional<BigDecimal> deliveredFraction, List<String> details, boolean reproduced) {
    public String toText() {
      StringBuilder sb = new StringBuilder();
      sb.append('[').append(step).append("] ").append(title);
      verdict.ifPresent(v -> sb.append(" -> ").append(v));
      deliveredFraction.ifPresent(f -> sb.append(" (delivered fraction ").append(f).append(')'));
      sb.append(reproduced ? "   [reproduces the article]" : "   [DOES NOT reproduce the article]").append('\n');
      sb.append("    scenario: lab/").append(scenario).append('\n');
      sb.append("    article:  ").append(article).append('\n');
      for (String d : details) {
        sb.append("    - ").append(d).append('\n');
      }
      return sb.toString();
    }

    public Map<String, Object> toJsonTree() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", step);
      m.put("title", title);
      m.put("scenario", scenario);
      m.put("article", article);
      verdict.ifPresent(v -> m.put("verdict", v.name()));
      deliveredFraction.ifPresent(f -> m.put("deliveredFraction", f));
      m.put("details", details);
      m.put("reproduced", reproduced);
      return m;
    }
  }

  public static List<Observation> all() {
    List<Observation> out = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      out.add(observe(i));
    }
    return out;
  }

  /** Steps 1 to 5 (externalTrafficPolicy Cluster) or 6 and 7 (Local). */
  public static List<Observation> mode(String mode) {
    List<Observation> out = new ArrayList<>();
    int from = mode.equals("local") ? 6 : 1;
    int to = mode.equals("local") ? 7 : 5;
    for (int i = from; i <= to; i++) {
      out.add(observe(i));
    }
    return out;
  }

  public static String toJson(List<Observation> obs) {
    List<Object> xs = new ArrayList<>();
    for (Observation o : obs) {
      xs.add(o.toJsonTree());
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("flow", CLIENT_FLOW.toString());
    root.put("observations", xs);
    return Json.write(root);
  }

  public static Observation observe(int step) {
    switch (step) {
      case 1:
        return step1();
      case 2:
        return step2();
      case 3:
        return step3();
      case 4:
        return step4();
      case 5:
        return step5();
      case 6:
        return step6();
      case 7:
        return step7();
      default:
        throw new IllegalArgumentException("the lab has steps 1 to 7, not " + step);
    }
  }

  static Scenario scenario(String step) {
    io.vavr.control.Validation<io.vavr.collection.Seq<io.github.aksreach.core.model.ModelError>, Scenario> s =
        ScenarioLoader.load(LabScenarios.directory(step));
    if (s.isInvalid()) {
      throw new IllegalStateException("bundled lab scenario " + step + " does not load: " + s.getError().mkString("; "));
    }
    return s.get();
  }

  static AksReachability analysis(String step) {
    return AksReachability.of(scenario(step), AksOptions.defaults());
  }

  /** The address NGINX checked on a path (the source its hop saw), if the path reached NGINX. */
  static Optional<IpAddress> nginxSaw(PathResult p, Flow f) {
    for (Hop h : p.hops()) {
      if (h.origin() instanceof IngressOrigin && ((IngressOrigin) h.origin()).stage() == IngressOrigin.Stage.ROUTING) {
        return Optional.of(h.seen(f).srcIp());
      }
    }
    return Optional.empty();
  }

  /** The backend node the load balancer chose on a path. */
  static String backend(PathResult p) {
    for (Hop h : p.hops()) {
      if (h.origin() instanceof LbOrigin) {
        return Describe.decision(h);
      }
    }
    return "?";
  }

  private static Optional<BigDecimal> fraction(Verdict v) {
    return Optional.of(CheckReport.rounded(v.deliveredFraction()));
  }

  private static Observation step1() {
    AksReachability a = analysis("step1-cluster-open");
    Verdict v = a.check(CLIENT_FLOW).verdict();
    List<String> details = new ArrayList<>();
    Set<IpAddress> seen = new LinkedHashSet<>();
    for (PathResult p : v.paths()) {
      Optional<IpAddress> s = nginxSaw(p, CLIENT_FLOW);
      s.ifPresent(seen::add);
      details.add("via " + backend(p) + ": " + (p.delivered() ? "delivered" : "dropped") + ", NGINX sees "
          + s.map(Object::toString).orElse("nothing"));
    }
    details.add("the client address 192.168.1.4 never reaches NGINX: kube-proxy masquerades every path");
    boolean ok = v.kind() == Verdict.Kind.ALWAYS && seen.equals(Set.of(IpAddress.of("10.244.2.1"),
        IpAddress.of("192.168.0.4"), IpAddress.of("192.168.0.36")));
    return new Observation(1, "externalTrafficPolicy Cluster, no NSGs, no allow-list", "step1-cluster-open",
        "delivered every time; NGINX logs 10.244.2.1 (cbr0 of the ingress node), 192.168.0.4 or 192.168.0.36",
        Optional.of(v.kind()), fraction(v), details, ok);
  }

  private static Observation step2() {
    AksReachability a = analysis("step2-cluster-allowlist");
    Verdict v = a.check(CLIENT_FLOW).verdict();
    List<String> details = new ArrayList<>();
    boolean all403 = !v.paths().isEmpty();
    for (PathResult p : v.paths()) {
      Optional<DropInfo> d = p.drop();
      boolean is403 = d.isPresent() && d.get().kind() == AksHopKind.INGRESS && d.get().status().orElse(0) == 403;
      all403 &= is403;
      details.add("via " + backend(p) + ": NGINX checked " + nginxSaw(p, CLIENT_FLOW).map(Object::toString)
          .orElse("?") + " against whitelist-source-range 192.168.1.4 -> " + (is403 ? "403" : "not 403"));
    }
    boolean ok = v.kind() == Verdict.Kind.NEVER && all403;
    return new Observation(2, "Cluster + whitelist-source-range: 192.168.1.4", "step2-cluster-allowlist",
        "every request gets 403: NGINX never sees the client's address", Optional.of(v.kind()), fraction(v),
        details, ok);
  }

  private static Map<String, BackendHealth.State> states(AksReachability a) {
    Map<String, BackendHealth.State> m = new TreeMap<>();
    for (Node n : a.network().kubernetes().nodes()) {
      a.health().state(n.name()).ifPresent(s -> m.put(n.name(), s));
    }
    return m;
  }

  private static void healthDetails(AksReachability a, List<String> details) {
    for (BackendHealth b : a.health().backends()) {
      details.add("backend " + b.node().name() + " " + b.state() + " (probe "
          + b.probe().map(p -> p.describe()).orElse("none") + "): " + b.reason());
    }
  }

  private static Observation step3() {
    Scenario s = scenario("step3-cluster-nsgs");
    AksReachability a = AksReachability.of(s, AksOptions.defaults());
    Verdict steady = a.check(CLIENT_FLOW).verdict();
    Verdict transientV = AksReachability.of(s, AksOptions.defaults().withTransientHealth(true)).check(CLIENT_FLOW)
        .verdict();
    List<String> details = new ArrayList<>();
    healthDetails(a, details);
    Map<String, BackendHealth.State> st = states(a);
    long up = st.values().stream().filter(x -> x == BackendHealth.State.UP).count();
    details.add("steady state: " + steady.kind() + " through the ingress node alone: only " + up + " of "
        + st.size() + " backends in rotation, the cluster's own load balancing is broken");
    details.add("before the probes catch up (every backend UP): " + transientV.kind() + " ("
        + CheckReport.rounded(transientV.deliveredFraction()) + ")");
    boolean ok = st.get(SYSTEM_NODE) == BackendHealth.State.DOWN && st.get(USER_NODE) == BackendHealth.State.DOWN
        && st.get(INGRESS_NODE) == BackendHealth.State.UP && steady.kind() == Verdict.Kind.ALWAYS
        && transientV.kind() == Verdict.Kind.SOMETIMES;
    return new Observation(3, "Cluster + restrictive subnet NSGs", "step3-cluster-nsgs",
        "system and user nodes DOWN (their forwarded probes are denied by the ingress NSG), ingress node UP; "
            + "the flow works, but only through the ingress node", Optional.of(steady.kind()), fraction(steady),
        details, ok);
  }

  private static Observation step4() {
    AksReachability a = analysis("step4-cluster-nsgs-nodes");
    Verdict v = a.check(CLIENT_FLOW).verdict();
    List<String> details = new ArrayList<>();
    healthDetails(a, details);
    pathOutcomes(v, details);
    FlowLogExplanation explained = explainTuple(a, "nsg-user");
    details.add("flow-log tuple " + FLOW_LOG_TUPLE + " of nsg-user: " + explained.summary());
    Map<String, BackendHealth.State> st = states(a);
    boolean ok = st.values().stream().allMatch(x -> x == BackendHealth.State.UP) && st.size() == 3
        && v.kind() == Verdict.Kind.SOMETIMES && v.deliveredFraction().equals(Weight.of(1, 3))
        && explained.finding() == FlowLogExplanation.Finding.EXPLAINED;
    return new Observation(4, "Cluster + NSGs + ingress NSG allows every node on port 80",
        "step4-cluster-nsgs-nodes",
        "all nodes UP; only 1 request in 3 succeeds: through the system or user node the subnet NSG denies the "
            + "client (flow log: 1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B)", Optional.of(v.kind()),
        fraction(v), details, ok);
  }

  private static void pathOutcomes(Verdict v, List<String> details) {
    for (PathResult p : v.paths()) {
      details.add("via " + backend(p) + ": " + (p.delivered() ? "delivered" : "DROPPED at "
          + p.drop().map(d -> Describe.label(d.origin()) + " by " + d.rule().map(Object::toString).orElse("?"))
              .orElse("?")));
    }
  }

  /** The article's flow-log tuple as {@code nsg} logged it (denied by its DenyAllCustom), explained on the model. */
  static FlowLogExplanation explainTuple(AksReachability a, String nsg) {
    FlowLogs.Entry logged = new FlowLogs.Entry(Optional.of(nsg), Optional.of("UserRule_DenyAllCustom"),
        FLOW_LOG_TUPLE, FlowLogTuple.parse(FLOW_LOG_TUPLE).get(), "the article");
    return FlowLogExplanation.explain(a, logged);
  }

  private static Observation step5() {
    List<Openings.Opening> cluster = Openings.required(scenario("step4-cluster-nsgs-nodes"), AksOptions.defaults(),
        CLIENT_FLOW);
    List<Openings.Opening> local = Openings.required(scenario("step6-local-pinned"), AksOptions.defaults(),
        CLIENT_FLOW);
    List<String> details = new ArrayList<>();
    details.add("externalTrafficPolicy Cluster needs " + cluster.size() + " NSG openings, "
        + count(cluster, Openings.Category.NODE_TO_NODE) + " of them node-to-node (lateral movement), "
        + clientSubnets(cluster) + " subnet NSGs admitting the client:");
    cluster.forEach(o -> details.add("  " + o));
    details.add("externalTrafficPolicy Local (one replica pinned to the ingress pool) needs " + local.size()
        + " NSG openings, " + count(local, Openings.Category.NODE_TO_NODE) + " node-to-node, "
        + clientSubnets(local) + " subnet NSG admitting the client:");
    local.forEach(o -> details.add("  " + o));
    boolean ok = count(cluster, Openings.Category.NODE_TO_NODE) >= 2 && clientSubnets(cluster) == 3
        && count(local, Openings.Category.NODE_TO_NODE) == 0 && clientSubnets(local) == 1;
    return new Observation(5, "What externalTrafficPolicy Cluster requires (derived from the model)",
        "step4-cluster-nsgs-nodes, step6-local-pinned",
        "Cluster: every node must reach the ingress node(s) on the ingress port and every node subnet must allow "
            + "the callers, so node-to-node lateral movement must be accepted; Local needs neither",
        Optional.empty(), Optional.empty(), details, ok);
  }

  private static long count(List<Openings.Opening> os, Openings.Category c) {
    return os.stream().filter(o -> o.category() == c).count();
  }

  private static long clientSubnets(List<Openings.Opening> os) {
    return os.stream().filter(o -> o.category() == Openings.Category.CLIENT && o.inbound()
        && o.nsg().onSubnet()).map(Openings.Opening::nsg).distinct().count();
  }

  private static Observation step6() {
    AksReachability a = analysis("step6-local-pinned");
    Verdict v = a.check(CLIENT_FLOW).verdict();
    List<String> details = new ArrayList<>();
    healthDetails(a, details);
    Set<IpAddress> seen = new LinkedHashSet<>();
    for (PathResult p : v.paths()) {
      nginxSaw(p, CLIENT_FLOW).ifPresent(seen::add);
      details.add("via " + backend(p) + ": NGINX sees " + nginxSaw(p, CLIENT_FLOW).map(Object::toString)
          .orElse("nothing") + ", " + (p.delivered() ? "allow-list passes (200), delivered" : "dropped"));
    }
    List<Openings.Opening> needed = Openings.required(scenario("step6-local-pinned"), AksOptions.defaults(),
        CLIENT_FLOW);
    details.add("NSG openings needed: " + needed.size() + ", node-to-node: "
        + count(needed, Openings.Category.NODE_TO_NODE));
    Map<String, BackendHealth.State> st = states(a);
    boolean ok = st.get(INGRESS_NODE) == BackendHealth.State.UP && st.get(SYSTEM_NODE) == BackendHealth.State.DOWN
        && st.get(USER_NODE) == BackendHealth.State.DOWN && v.kind() == Verdict.Kind.ALWAYS
        && seen.equals(Set.of(IpAddress.of("192.168.1.4"))) && count(needed, Openings.Category.NODE_TO_NODE) == 0;
    return new Observation(6, "externalTrafficPolicy Local, one replica pinned to the ingress pool",
        "step6-local-pinned",
        "only the ingress node is UP (health check node port: 200 localEndpoints 1, others 503); NGINX sees "
            + "192.168.1.4, the allow-list works; no node-to-node rule needed", Optional.of(v.kind()), fraction(v),
        details, ok);
  }

  private static Observation step7() {
    AksReachability a = analysis("step7-local-spread");
    Verdict v = a.check(CLIENT_FLOW).verdict();
    List<String> details = new ArrayList<>();
    healthDetails(a, details);
    pathOutcomes(v, details);
    List<String> findings = unpinnedIngressPods(a);
    details.addAll(findings);
    details.addAll(trafficShare(analysis("step4-cluster-nsgs-nodes"), "Cluster (step 4)"));
    details.addAll(trafficShare(analysis("step6-local-pinned"), "Local, pinned (step 6)"));
    details.addAll(trafficShare(a, "Local, spread (step 7)"));
    boolean ok = v.kind() == Verdict.Kind.SOMETIMES && !findings.isEmpty()
        && states(a).values().stream().allMatch(x -> x == BackendHealth.State.UP);
    return new Observation(7, "Local, three ingress replicas without a pool nodeSelector", "step7-local-spread",
        "every node hosting a replica is UP again, so clients land in subnets whose NSGs deny them: some "
            + "requests fail", Optional.of(v.kind()), fraction(v), details, ok);
  }

  /** The built-in check {@code ingress-pods-not-pinned} on the lab step, one line per finding. */
  static List<String> unpinnedIngressPods(AksReachability a) {
    List<String> out = new ArrayList<>();
    CheckResult r = AksChecks.INGRESS_PODS_NOT_PINNED.evaluate(CheckContext.of(a.network().scenario()));
    for (Finding f : r.findings()) {
      out.add("finding " + f.checkId() + " (ingress pods not pinned to the ingress pool): " + f.message());
    }
    return out;
  }

  /** The share of client flows each ingress pod receives (the load-balance side of the trade-off). */
  static List<String> trafficShare(AksReachability a, String mode) {
    Map<String, Weight> share = new TreeMap<>();
    AksReachability open = AksReachability.of(a.network().scenario(),
        AksOptions.defaults().withHealthAssumingOpenNsgs(true));
    for (PathResult p : open.check(CLIENT_FLOW.withHttp(null, null), SolveOptions.explaining()).verdict().paths()) {
      for (Hop h : p.hops()) {
        if (h.kind() == AksHopKind.POD) {
          share.merge(Describe.label(h.origin()), p.weight(), Weight::plus);
          break;
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Weight> e : share.entrySet()) {
      out.add("traffic share under " + mode + ": " + e.getKey() + " receives "
          + CheckReport.rounded(e.getValue()).movePointRight(2).stripTrailingZeros().toPlainString()
          + "% of client connections (once the NSGs admit them)");
    }
    return out;
  }
}
