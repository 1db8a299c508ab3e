package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.PathSolver;
import io.github.aksreach.core.solver.PathTree;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.ProbeProtocol;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end-to-end analysis of one scenario: health derived from the probes, then exact answers for flows and sets of
 * flows, each explained.
 *
 * <pre>{@code
 * AksReachability a = AksReachability.load(Path.of("dumps/prod")).getOrElseThrow(e -> ...);
 * a.health().toText();                                           // every LB backend: UP, DOWN or FLAPPING, and why
 * CheckReport r = a.check(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")
 *     .withHttp("demoapi.eyskens.corp", "/weatherforecast"));
 * r.verdict().kind();                                            // ALWAYS | SOMETIMES | NEVER
 * a.reach(IpAddress.of("192.168.0.22"), 80, Protocol.TCP, Optional.empty(), Optional.empty(),
 *     IpSet.all(IpFamily.V4)).sets().always();                   // exactly who always reaches
 * }</pre>
 */
public final class AksReachability {
  /** The source of Azure load balancer health probes. */
  public static final IpAddress PROBE_SOURCE = IpAddress.of("168.63.129.16");
  private static final int PROBE_SOURCE_PORT = 55555;

  private final AksNetwork net;
  private final Map<L7, AksGraph> graphs = new HashMap<>();
  private HealthReport health;

  private AksReachability(AksNetwork net) {
    this.net = net;
  }

  public static AksReachability of(Scenario s, AksOptions options) {
    return new AksReachability(AksNetwork.assemble(s, options));
  }

  public static Validation<Seq<ModelError>, AksReachability> load(Path dir, AksOptions options) {
    return ScenarioLoader.load(dir).map(s -> of(s, options));
  }

  public static Validation<Seq<ModelError>, AksReachability> load(Path dir) {
    return load(dir, AksOptions.defaults());
  }

  public AksNetwork network() {
    return net;
  }

  /** The graph for a layer-7 context, with LB rotation from the derived health (or all UP when transient). */
  public synchronized AksGraph graph(L7 l7) {
    AksGraph g = graphs.get(l7);
    if (g == null) {
      AksGraph.HealthView view = net.options().transientHealth() ? AksGraph.HealthView.allUp() : rotation();
      g = new AksGraph(net, view, l7);
      graphs.put(l7, g);
    }
    return g;
  }

  private AksGraph.HealthView rotation() {
    HealthReport h = health();
    Map<String, BackendHealth.State> byRuleNode = new HashMap<>();
    for (BackendHealth b : h.backends()) {
      for (LbRuleSpec r : b.rules()) {
        byRuleNode.put(r.name() + "|" + b.node().name(), b.state());
      }
    }
    boolean flapping = net.options().flappingCarriesTraffic();
    return (r, n) -> {
      BackendHealth.State s = byRuleNode.getOrDefault(r.name() + "|" + n.name(), BackendHealth.State.UP);
      return s == BackendHealth.State.UP || (flapping && s == BackendHealth.State.FLAPPING);
    };
  }

  // ---------------------------------------------------------------- health

  /** Every backend's state, derived by tracing its probe (computed once). */
  public synchronized HealthReport health() {
    if (health == null) {
      health = computeHealth();
    }
    return health;
  }

  private HealthReport computeHealth() {
    List<BackendHealth> out = new ArrayList<>();
    Map<String, List<LbRuleSpec>> groups = new LinkedHashMap<>();
    for (LbRuleSpec r : net.loadBalancing().rules()) {
      String key = r.frontendIp() + "|" + r.probe().map(ProbeSpec::describe).orElse("none");
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    for (List<LbRuleSpec> rules : groups.values()) {
      LbRuleSpec first = rules.get(0);
      Map<String, BackendHealth> byClass = new HashMap<>();
      for (Node n : first.backends()) {
        Optional<IpAddress> ip = n.internalIp(first.frontendIp().family());
        if (ip.isEmpty()) {
          continue;
        }
        String key = net.classes().key(n, first.service());
        BackendHealth rep = byClass.get(key);
        if (rep != null) {
          out.add(new BackendHealth(first.frontendIp(), rules, n, ip.get(), rep.state(), rep.probe(),
              rep.reason() + " (traced on the equivalent node " + rep.node().name() + ")", Optional.empty(),
              rep.verdict()));
          continue;
        }
        BackendHealth h = probe(first, rules, n, ip.get());
        byClass.put(key, h);
        out.add(h);
      }
    }
    return new HealthReport(out);
  }

  private BackendHealth probe(LbRuleSpec first, List<LbRuleSpec> rules, Node n, IpAddress ip) {
    if (first.probe().isEmpty()) {
      return new BackendHealth(first.frontendIp(), rules, n, ip, BackendHealth.State.UP, Optional.empty(),
          "the rule has no probe: every backend is eligible (UNVERIFIED)", Optional.empty(), Optional.empty());
    }
    ProbeSpec probe = first.probe().get();
    Flow f = Flow.of(Protocol.TCP, PROBE_SOURCE, PROBE_SOURCE_PORT, ip, probe.port());
    L7 l7 = probe.protocol() == ProbeProtocol.TCP ? L7.none() : L7.probe(probe.requestPath().orElse("/"));
    AksGraph g = probeGraph(l7);
    boolean open = net.options().healthAssumesOpenNsgs();
    PathTree t = PathSolver.solve(g, g.nodeEntry(n), f, open ? SolveOptions.explaining() : SolveOptions.defaults());
    Verdict v = t.verdict(f);
    Verdict.Kind kind = open ? Verdict.Kind.of(succeedsWithOpenNsgs(v)) : v.kind();
    BackendHealth.State state = kind == Verdict.Kind.ALWAYS ? BackendHealth.State.UP
        : kind == Verdict.Kind.NEVER ? BackendHealth.State.DOWN : BackendHealth.State.FLAPPING;
    return new BackendHealth(first.frontendIp(), rules, n, ip, state, Optional.of(probe), reason(v, f),
        Optional.of(f), Optional.of(v));
  }

  /** The weight of probe paths that succeed once NSG denials are lifted (explain mode: only NSG blockers). */
  private static io.github.aksreach.core.solver.Weight succeedsWithOpenNsgs(Verdict v) {
    io.github.aksreach.core.solver.Weight w = io.github.aksreach.core.solver.Weight.ZERO;
    for (PathResult p : v.paths()) {
      if (p.delivered() || p.blockers().stream().allMatch(b -> b.kind().equals(AksGraph.KIND_NSG))) {
        w = w.plus(p.weight());
      }
    }
    return w;
  }

  private final Map<L7, AksGraph> probeGraphs = new HashMap<>();

  private AksGraph probeGraph(L7 l7) {
    return probeGraphs.computeIfAbsent(l7, k -> new AksGraph(net, AksGraph.HealthView.allUp(), k));
  }

  private static String reason(Verdict v, Flow probe) {
    List<String> parts = new ArrayList<>();
    for (PathResult p : v.paths()) {
      StringBuilder sb = new StringBuilder();
      Flow last = p.hops().isEmpty() ? probe : p.hops().get(p.hops().size() - 1).seen(probe);
      if (p.delivered()) {
        sb.append("answered by ").append(p.deliveredTo().orElse("?"));
      } else {
        DropInfo d = p.drop().orElseThrow();
        sb.append(d.kind()).append(" at ").append(d.label());
        d.rule().ifPresent(r -> sb.append(" by ").append(r));
        sb.append(": ").append(d.reason());
      }
      if (!last.srcIp().equals(probe.srcIp()) || !last.dstIp().equals(probe.dstIp())) {
        sb.append(" (probe seen as ").append(last.src()).append(" -> ").append(last.dst()).append(')');
      }
      if (v.paths().size() > 1) {
        sb.insert(0, "weight " + CheckReport.rounded(p.weight()) + ": ");
      }
      parts.add(sb.toString());
    }
    return String.join("; ", parts);
  }

  // ---------------------------------------------------------------- questions

  private static L7 l7Of(Optional<String> host, Optional<String> path) {
    return host.isPresent() || path.isPresent() ? L7.http(host.orElse(null), path.orElse("/")) : L7.none();
  }

  /** Can this flow reach? The HTTP host and path, when the flow has them, are followed through the ingress. */
  public CheckReport check(Flow flow) {
    return check(flow, SolveOptions.defaults());
  }

  /** {@link #check(Flow)}, with solver options (explain mode lists every blocker on each failing path). */
  public CheckReport check(Flow flow, SolveOptions options) {
    AksGraph g = graph(l7Of(flow.host(), flow.path()));
    PathTree t = PathSolver.solve(g, AksGraph.CLIENT, flow, options);
    return new CheckReport(flow, t.verdict(flow));
  }

  /** The path tree of every flow in {@code space} for one layer-7 context. */
  public PathTree solve(FlowSpace space, L7 l7, SolveOptions options) {
    return PathSolver.solve(graph(l7), AksGraph.CLIENT, space, options);
  }

  /**
   * Who can reach {@code dst:port/protocol}: the sources of {@code from} split into ALWAYS, SOMETIMES and NEVER,
   * computed symbolically over every source address and port.
   */
  public ReachReport reach(IpAddress dst, int port, Protocol protocol, Optional<String> host, Optional<String> path,
                           IpSet from) {
    FlowSpace q = FlowSpace.where(ProtocolSet.of(protocol))
        .restrictTo(Field.DST_IP, IpSet.of(dst))
        .restrictTo(Field.DST_PORT, PortSet.of(port))
        .restrictTo(Field.SRC_IP, from);
    PathTree t = solve(q, l7Of(host, path), SolveOptions.defaults());
    String to = dst + ":" + port + "/" + protocol;
    return new ReachReport(to, t.reachBySource());
  }
}
