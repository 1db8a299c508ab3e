package io.github.aksreach.k8s.aks;

import io.github.aksreach.k8s.trace.Describe;
import io.github.aksreach.nsg.eval.NsgHopKind;
import io.github.aksreach.k8s.hops.HealthView;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.cluster.ScenarioLoader;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.cluster.NodeClasses;
import io.github.aksreach.k8s.cluster.HttpHeader;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.cluster.LoadOptions;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.core.solver.ConcreteMemo;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.PathSolver;
import io.github.aksreach.core.solver.Recent;
import io.github.aksreach.core.solver.PathTree;
import io.github.aksreach.core.solver.ReachSets;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.nsg.model.ProbeProtocol;
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
 * AksReachability a = AksReachability.load(Path.of("dumps/prod")).orElseThrow();   // or every problem, thrown
 * HealthOutput.text(a.health());                                 // every LB backend: UP, DOWN or FLAPPING, and why
 * CheckReport r = a.check(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")
 *     .withHttp("demoapi.eyskens.corp", "/weatherforecast"));
 * r.verdict().kind();                                            // ALWAYS | SOMETIMES | NEVER
 * a.reach(IpAddress.of("192.168.0.22"), 80, Protocol.TCP, Optional.empty(), Optional.empty(),
 *     IpSet.all(IpFamily.V4)).sets().always();                   // exactly who always reaches
 * }</pre>
 *
 * <p><b>Thread safety.</b> One analysis may be queried by many threads at once: {@code check}, {@code reach},
 * {@code health} and {@code graph} may run concurrently and give the answers they give when run one after another
 * (tested with 8 threads on one analysis). What is built lazily (a graph per layer-7 context, health per probe
 * group, the memo of concrete answers) is built once, under this analysis's locks; the reports returned are
 * immutable. The decision-diagram engine behind every flow space is shared by all analyses of the JVM and interns
 * diagrams in a concurrent table, without a global lock.
 */
public final class AksReachability {
  /** The source of Azure load balancer health probes. */
  public static final IpAddress PROBE_SOURCE = IpAddress.of("168.63.129.16");
  private static final int PROBE_SOURCE_PORT = 55555;

  private final Scenario scenario;
  /** The options as given: {@link AksNetwork#options()} adds what the scenario implies, which a what-if may change. */
  private final AksOptions options;
  private final AksNetwork net;
  /**
   * The graphs of the layer-7 contexts asked lately (a graph and its memos hold every element it made: a diff or a
   * batch of checks over hundreds of hosts and paths kept them all, over a GB at 50 nodes). A memo kept holds its
   * graph, so at most {@code 2 * CONTEXTS_KEPT} graphs live; a context asked again after its graph went is made anew.
   */
  private final Recent<L7, AksGraph> graphs = new Recent<>(CONTEXTS_KEPT);
  /** kube-proxy's chains on each node, the same in every graph: shared by this analysis' graphs. */
  private final SharedChains chains = new SharedChains();
  private static final int CONTEXTS_KEPT = 16;
  /** Guards health: the groups, each group's backends, the report and the probe graphs. */
  private final Object healthLock = new Object();
  private Map<String, List<LbRuleSpec>> groups;
  private final Map<String, Backends> healthByGroup = new HashMap<>();
  private final Map<String, Map<String, BackendHealth.State>> groupStates = new HashMap<>();
  private HealthReport health;
  private static final int MEMO_CLASSES = 64;
  private final Recent<MemoKey, ConcreteMemo> memos = new Recent<>(CONTEXTS_KEPT);
  /** The memo asked for last, with its key: repeated checks of one context skip the map. */
  private volatile Object[] lastMemo;

  private record MemoKey(L7 l7, SolveOptions options, ElementKey entry) {}

  /** Reach answers asked lately, by question: a scenario diff asks one layer-4 question once per HTTP request. */
  private final Recent<List<Object>, ReachReport> reaches = new Recent<>(256);

  private AksReachability(Scenario scenario, AksOptions options, AksNetwork net) {
    this.scenario = scenario;
    this.options = options;
    this.net = net;
  }

  /**
   * The analysis of a scenario built or edited in memory, checked as {@link #load(Path, AksOptions)} checks a loaded
   * one ({@link #assemble}); bad input is thrown.
   *
   * <pre>{@code
   * AksReachability a = AksReachability.of(scenario, AksOptions.defaults());   // or InvalidInputException
   * }</pre>
   *
   * @throws io.github.aksreach.core.model.InvalidInputException when the scenario is bad input; its message lists
   *     every problem
   */
  public static AksReachability of(Scenario s, AksOptions options) {
    return assemble(s, options).orElseThrow();
  }

  /**
   * The analysis of {@code s}, with the checks {@link #load(Path, AksOptions)} makes after reading a directory, as
   * errors naming what is wrong: the Kubernetes objects' cross-object rules ({@code k8s.load.ClusterConsistency}),
   * addresses no NSG rule of the assembled network can resolve (e.g. a service tag a Service annotation names but no
   * ServiceTags file defines) and Istio Gateways whose data plane cannot be known (an unreadable overlay ConfigMap).
   *
   * <pre>{@code
   * Validated<AksReachability> a = AksReachability.assemble(scenario, AksOptions.defaults());
   * if (a.isInvalid()) a.getError().forEach(System.err::println);
   * }</pre>
   */
  public static Validated<AksReachability> assemble(Scenario s, AksOptions options) {
    return s.validated().flatMap(ok -> assembled(ok, options));
  }

  /**
   * {@code s} assembled, with the checks that need the assembled network; {@code s} is known to keep the cross-object
   * rules ({@link Scenario#validated()}, or the loader, whose accumulator enforces them as it reads).
   */
  private static Validated<AksReachability> assembled(Scenario s, AksOptions options) {
    AksReachability a = new AksReachability(s, options, AksNetwork.assemble(s, options));
    Seq<ModelError> unresolved = a.net.unresolvedAddresses().appendAll(a.net.gateways().errors());
    return unresolved.isEmpty() ? Validated.valid(a) : Validated.invalid(unresolved);
  }

  /**
   * A what-if: the analysis, with the same options, of this scenario changed by {@code edit} (one or more of
   * {@link Scenario}'s {@code with*} copies), checked as {@link #assemble} checks. This analysis is unchanged.
   *
   * <pre>{@code
   * AksReachability local = a.whatIf(s -> s.withExternalTrafficPolicy("ingress", "ingress-nginx-controller",
   *     TrafficPolicy.LOCAL)).orElseThrow();
   * ScenarioDiff.of(a, local, ScenarioDiff.frontends(a, local));   // what breaks, what is fixed
   * }</pre>
   */
  public Validated<AksReachability> whatIf(
      java.util.function.Function<Scenario, ? extends Validation<Seq<ModelError>, Scenario>> edit) {
    return Validated.valid(scenario).flatMap(edit).flatMap(s -> assemble(s, options));
  }

  /** The options this analysis answers with. */
  public AksOptions options() {
    return options;
  }

  /**
   * The scenario as given (loaded or built), before assembly: what {@link #whatIf} edits. {@code network().scenario()}
   * is the assembled one (with the Services of Istio Gateways the dump lacks, derived).
   */
  public Scenario scenario() {
    return scenario;
  }

  /**
   * Loads a scenario directory and assembles it ({@link #assemble}); bad input comes back as errors naming the file.
   * {@link Validated#orElseThrow()} turns them into one exception that lists them all.
   */
  public static Validated<AksReachability> load(Path dir, AksOptions options) {
    return load(dir, options, LoadOptions.strict());
  }

  /**
   * {@link #load(Path, AksOptions)}, strictly or keeping what is valid ({@link LoadOptions#skippingInvalid()}: what
   * was left out is in {@code network().scenario().notes()}).
   */
  public static Validated<AksReachability> load(Path dir, AksOptions options, LoadOptions load) {
    // the loader refused what Scenario.validated() would (ClusterAccumulator): not checked twice
    return ScenarioLoader.load(dir, io.github.aksreach.core.input.ReadLimits.defaults(), load)
        .flatMap(s -> assembled(s, options));
  }

  /**
   * A scenario held in memory ({@link ScenarioSources}, e.g. from the fabric8 adapter), loaded and
   * assembled with every validation of {@link #load(Path, AksOptions, LoadOptions)}.
   *
   * <pre>{@code
   * AksReachability a = AksReachability.load(Fabric8Scenario.from(client).orElseThrow(), AksOptions.defaults(),
   *     LoadOptions.strict()).orElseThrow();
   * }</pre>
   */
  public static Validated<AksReachability> load(ScenarioSources sources, AksOptions options, LoadOptions load) {
    return ScenarioLoader.load(sources, io.github.aksreach.core.input.ReadLimits.defaults(), load)
        .flatMap(s -> assembled(s, options));
  }

  /** {@link #load(ScenarioSources, AksOptions, LoadOptions)} with the defaults, strictly. */
  public static Validated<AksReachability> load(ScenarioSources sources) {
    return load(sources, AksOptions.defaults(), LoadOptions.strict());
  }

  /** {@link #load(Path, AksOptions)} with {@link AksOptions#defaults()}. */
  public static Validated<AksReachability> load(Path dir) {
    return load(dir, AksOptions.defaults());
  }

  public AksNetwork network() {
    return net;
  }

  /** The graph for a layer-7 context, with LB rotation from the derived health (or all UP when transient). */
  public synchronized AksGraph graph(L7 l7) {
    return graphs.answer(l7, k -> new AksGraph(net, net.options().transientHealth() ? HealthView.allUp()
        : rotation(), k, chains));
  }

  /**
   * The LB rotation from the derived health. Health is derived per probe group (a frontend and its probe) when the
   * graph first needs a rule's backends, so a question about one frontend traces only that frontend's probes. A
   * rule's group is found by the rule itself, not its name: two load balancers (or two Services whose UIDs share the
   * 31 hex digits cloud-provider-azure keeps) may name rules alike, and must not share health.
   */
  private HealthView rotation() {
    Map<LbRuleSpec, List<String>> groupsByRule = new java.util.IdentityHashMap<>();
    for (Map.Entry<String, List<LbRuleSpec>> g : groups().entrySet()) {
      for (LbRuleSpec r : g.getValue()) {
        groupsByRule.computeIfAbsent(r, k -> new ArrayList<>()).add(g.getKey());
      }
    }
    boolean flapping = net.options().flappingCarriesTraffic();
    AgcHealth agc = agcProbes();
    return new HealthView() {
      @Override
      public boolean inRotation(LbRuleSpec r, Node n) {
        BackendHealth.State s = state(groupsByRule.getOrDefault(r, List.of()), n.name());
        return s == BackendHealth.State.UP || (flapping && s == BackendHealth.State.FLAPPING);
      }

      @Override
      public Optional<String> agcProbeFailure(AgcTarget t) {
        return agc.failure(t);
      }
    };
  }

  private AgcHealth agcProbes;

  private AgcHealth agcProbes() {
    synchronized (healthLock) {
      if (agcProbes == null) {
        agcProbes = new AgcHealth(net, l7 -> {
          synchronized (healthLock) {
            return probeGraph(l7);
          }
        });
      }
      return agcProbes;
    }
  }

  /**
   * Every endpoint behind an Application Gateway for Containers Gateway with the state AGC's health probe gives it
   * (traced from AGC's address in the association subnet; a DOWN endpoint gets no traffic); empty without AGC.
   */
  public List<AgcBackendHealth> agcHealth() {
    return agcProbes().report();
  }

  /** The state of {@code node} in the last of {@code groupKeys} that probes it (UP when none does). */
  private BackendHealth.State state(List<String> groupKeys, String node) {
    synchronized (healthLock) {
      for (int i = groupKeys.size() - 1; i >= 0; i--) {
        String key = groupKeys.get(i);
        Map<String, BackendHealth.State> states = groupStates.get(key);
        if (states == null) {
          states = new HashMap<>();
          Backends bs = groupHealth(key);
          for (int k = 0; k < bs.size(); k++) {
            states.put(bs.node(k).name(), bs.state(k));
          }
          groupStates.put(key, states);
        }
        BackendHealth.State s = states.get(node);
        if (s != null) {
          return s;
        }
      }
      return BackendHealth.State.UP;
    }
  }

  // ---------------------------------------------------------------- health

  /** Every backend's state, derived by tracing its probe (computed once). */
  public HealthReport health() {
    synchronized (healthLock) {
      if (health == null) {
        List<Backends> parts = new ArrayList<>();
        for (String key : groups().keySet()) {
          parts.add(groupHealth(key));
        }
        health = new HealthReport(new Backends.Concat(parts));
      }
      return health;
    }
  }

  /** The LB rules grouped by frontend and probe, in rule order: one probe trace per group and node class. */
  private Map<String, List<LbRuleSpec>> groups() {
    synchronized (healthLock) {
      if (groups == null) {
        Map<String, List<LbRuleSpec>> gs = new LinkedHashMap<>();
        for (LbRuleSpec r : net.loadBalancing().rules()) {
          String key = r.frontendIp() + "|" + r.probe().map(Probe::describe).orElse("none");
          gs.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        gs.replaceAll((k, v) -> List.copyOf(v));
        groups = gs;
      }
      return groups;
    }
  }

  /**
   * The backends of one probe group. The probe is traced on one node of each class of interchangeable nodes
   * ({@link NodeClasses}): nodes of a class meet the same decisions on every hop, so each gets its representative's
   * state, probe and reason (with the representative named), and every backend is listed. The other members'
   * records are made when read ({@link Backends}).
   */
  private Backends groupHealth(String groupKey) {
    Backends done = healthByGroup.get(groupKey);
    if (done != null) {
      return done;
    }
    List<LbRuleSpec> rules = groups().get(groupKey);
    LbRuleSpec first = rules.get(0);
    IpFamily family = first.frontendIp().family();
    Backends.Builder out = Backends.builder(first.frontendIp(), rules, first.backends().size());
    java.util.function.Function<Node, NodeClasses.Key> keys = net.classes().keys(first.service());
    Map<NodeClasses.Key, BackendHealth> byClass = new HashMap<>();
    Map<NodeClasses.Key, String> equivalentReason = new HashMap<>();
    for (Node n : first.backends()) {
      IpAddress ip = internalIp(n, family);
      if (ip == null) {
        continue;
      }
      NodeClasses.Key key = keys.apply(n);
      BackendHealth rep = byClass.get(key);
      if (rep != null) {
        // the same words for every member of the class: one string, shared
        String reason = equivalentReason.get(key);
        if (reason == null) {
          reason = rep.reason() + " (traced on the equivalent node " + rep.node().name() + ")";
          equivalentReason.put(key, reason);
        }
        out.equivalent(n, ip, rep, reason);
        continue;
      }
      BackendHealth h = probe(first, out.rules(), n, ip);
      byClass.put(key, h);
      out.traced(h);
    }
    Backends result = out.build();
    healthByGroup.put(groupKey, result);
    return result;
  }

  /** The node's first InternalIP of {@code family}, or null. */
  private static IpAddress internalIp(Node n, IpFamily family) {
    for (IpAddress a : n.internalIps()) {
      if (a.family() == family) {
        return a;
      }
    }
    return null;
  }

  private BackendHealth probe(LbRuleSpec first, List<LbRuleSpec> rules, Node n, IpAddress ip) {
    if (first.probe().isEmpty()) {
      return new BackendHealth(first.frontendIp(), rules, n, ip, BackendHealth.State.UP, Optional.empty(),
          "the rule has no probe: every backend is eligible (UNVERIFIED)", Optional.empty(), Optional.empty());
    }
    Probe probe = first.probe().get();
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
      if (p.delivered() || p.blockers().stream().allMatch(b -> b.kind() == NsgHopKind.NSG)) {
        w = w.plus(p.weight());
      }
    }
    return w;
  }

  private final Map<L7, AksGraph> probeGraphs = new HashMap<>();

  private AksGraph probeGraph(L7 l7) {
    return probeGraphs.computeIfAbsent(l7, k -> new AksGraph(net, HealthView.allUp(), k, chains));
  }

  private static String reason(Verdict v, Flow probe) {
    List<String> parts = new ArrayList<>();
    for (PathResult p : v.paths()) {
      StringBuilder sb = new StringBuilder();
      Flow last = p.hops().isEmpty() ? probe : p.hops().get(p.hops().size() - 1).seen(probe);
      if (p.delivered()) {
        sb.append("answered by ").append(p.deliveredTo().map(Describe::label).orElse("?"));
      } else {
        DropInfo d = p.drop().orElseThrow();
        sb.append(d.kind().name()).append(" at ").append(Describe.label(d.origin()));
        d.rule().ifPresent(r -> sb.append(" by ").append(r));
        sb.append(": ").append(Describe.reason(d));
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
    return host.isPresent() || path.isPresent() ? L7.http(host.orElse(null), path.orElse("/")) : NO_L7;
  }

  /** Made once: a flow log checks millions of flows with these (the memo's key compares them). */
  private static final SolveOptions DEFAULT_OPTIONS = SolveOptions.defaults();
  private static final L7 NO_L7 = L7.none();

  /** Can this flow reach? The HTTP host and path, when the flow has them, are followed through the ingress. */
  public CheckReport check(Flow flow) {
    return check(flow, DEFAULT_OPTIONS);
  }

  /** {@link #check(Flow)}, with solver options (explain mode lists every blocker on each failing path). */
  public CheckReport check(Flow flow, SolveOptions options) {
    return check(flow, List.of(), options);
  }

  /** The check of {@code flow} with the request {@code l7}. */
  private CheckReport check(Flow flow, L7 l7, SolveOptions options) {
    // a source outside the cluster never meets the in-cluster short-circuit: its walk starts where that rule is
    // absent, so the cluster's nodes and pods are never grouped into source entries for it (the paths are the same)
    ElementKey entry = net.clusterAddresses().contains(flow.srcIp()) ? AksGraph.CLIENT : AksGraph.CLIENT_OUTSIDE;
    return new CheckReport(flow, memo(l7, options, entry).verdict(flow));
  }

  /**
   * {@link #check(Flow, SolveOptions)} for an HTTP request that also carries {@code headers} (e.g. an
   * {@code X-Forwarded-For} the client sets itself: a spoofing question). Headers matter only with the flow's host
   * or path.
   *
   * <pre>{@code
   * a.check(flow.withHttp("app.example.com", "/"), List.of(new HttpHeader("X-Forwarded-For", "10.10.9.4")),
   *     SolveOptions.defaults());
   * }</pre>
   */
  public CheckReport check(Flow flow, List<HttpHeader> headers, SolveOptions options) {
    L7 request = l7Of(flow.host(), flow.path());
    return check(flow, headers.isEmpty() ? request : request.withHeaders(headers), options);
  }

  /**
   * The concrete solves of one layer-7 context, remembered per class of equivalent flows ({@link ConcreteMemo}: the
   * answer is the fresh walk's, exactly). Repeated checks, such as a flow log's tuples, then cost a class lookup.
   */
  private ConcreteMemo memo(L7 l7, SolveOptions options, ElementKey entry) {
    MemoKey key = new MemoKey(l7, options, entry);
    Object[] last = lastMemo;
    if (last != null && last[0].equals(key)) {
      return (ConcreteMemo) last[1];
    }
    synchronized (this) {
      ConcreteMemo m = memos.answer(key, k -> new ConcreteMemo(graph(l7), entry, options, MEMO_CLASSES));
      lastMemo = new Object[] {key, m};
      return m;
    }
  }

  /** The path tree of every flow in {@code space} for one layer-7 context. */
  public PathTree solve(FlowSpace space, L7 l7, SolveOptions options) {
    return PathSolver.solve(graph(l7), AksGraph.CLIENT, space, options);
  }

  /**
   * Who can reach {@code dst:port/protocol}: the sources of {@code from} split into ALWAYS, SOMETIMES and NEVER,
   * computed symbolically over every source address and port.
   *
   * @deprecated positional optionals: use {@link #reach(Destination, L7, IpSet)}
   */
  @Deprecated
  public ReachReport reach(IpAddress dst, int port, Protocol protocol, Optional<String> host, Optional<String> path,
                           IpSet from) {
    return reach(Destination.of(dst, port, protocol), l7Of(host, path), from);
  }

  /**
   * Who can reach {@code to} with {@code request} (layer 4: {@link L7#none()}; an HTTP request followed through the
   * ingress: {@link L7#http}), from the sources {@code from}: the exact source sets that reach ALWAYS, SOMETIMES and
   * NEVER.
   *
   * <pre>{@code
   * a.reach(Destination.parse("192.168.0.22:80").orElseThrow(), L7.none(), IpSet.all(IpFamily.V4)).sets().always();
   * }</pre>
   */
  public ReachReport reach(Destination to, L7 request, IpSet from) {
    return reaches.answer(List.of(to, request, from), k -> {
      FlowSpace q = FlowSpace.where(ProtocolSet.of(to.protocol()))
          .restrictTo(Field.DST_IP, IpSet.of(to.address()))
          .restrictTo(Field.DST_PORT, PortSet.of(to.port()))
          .restrictTo(Field.SRC_IP, from);
      String label = to.address() + ":" + to.port() + "/" + to.protocol();
      return new ReachReport(label, reachBySource(graph(request), q));
    });
  }

  /** {@link #reach(Destination, L7, IpSet)} at layer 4 from every address of the destination's family. */
  public ReachReport reach(Destination to) {
    return reach(to, L7.none(), IpSet.all(to.address().family()));
  }

  /**
   * The exact source sets of {@code q}, solved once per kind of source instead of once over every source: flows to a
   * Service address from a node or pod enter at that node's kube-proxy (per class of equivalent nodes and, for pods,
   * per set of policies isolating them for egress), other flows from pods isolated for egress at their egress rules,
   * every other flow at the outside client. Each solve runs over all of the query's sources, so its sets stay as compact as the
   * configuration, and only the final split by kind touches the cluster's (fragmented) node and pod addresses: the
   * cost follows distinct configuration, not node count. The answer equals {@code solve(q).reachBySource()}
   * ({@code ScaleEquivalenceTest}, {@code EndToEndProperties}).
   */
  private static ReachSets reachBySource(AksGraph g, FlowSpace q) {
    FlowSpace toService = q.intersection(g.serviceAddressSpace());
    FlowSpace other = q.difference(toService);
    IpSet from = q.ips(Field.SRC_IP);
    // flows to other destinations: one solve per place such flows start (the outside client, the outbound NSGs of
    // a set of nodes, a group of pods' egress rules), shared by every kind of source starting there
    Map<ElementKey, PathTree> rest = new HashMap<>();
    // sources all outside the cluster (a client range, a partner's prefix) need no in-cluster entries at all
    List<AksGraph.SourceEntry> kinds = new ArrayList<>(from.intersects(g.inClusterAddresses())
        ? g.inClusterEntries() : List.of());
    kinds.add(new AksGraph.SourceEntry(IpSet.all().difference(g.inClusterAddresses()), AksGraph.CLIENT_OUTSIDE,
        AksGraph.CLIENT_OUTSIDE, "outside the cluster"));
    List<PathTree.SourcePart> parts = new ArrayList<>();
    for (AksGraph.SourceEntry e : kinds) {
      IpSet sources = e.sources().intersection(from);
      if (sources.isEmpty()) {
        continue;
      }
      List<PathTree> trees = new ArrayList<>(2);
      if (!other.isEmpty()) {
        trees.add(rest.computeIfAbsent(e.other(), k -> PathSolver.solve(g, k, other, SolveOptions.defaults())));
      }
      if (!toService.isEmpty()) {
        trees.add(PathSolver.solve(g, e.entry(), toService, SolveOptions.defaults()));
      }
      parts.add(new PathTree.SourcePart(sources, trees));
    }
    return PathTree.reachBySource(q, parts);
  }


}
