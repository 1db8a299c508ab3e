package io.github.aksreach.examples.properties;

import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.eval.NsgOrigin;
import io.github.aksreach.k8s.hops.HealthView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.ReachSets;
import io.github.aksreach.core.solver.ReferenceEvaluator;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.aks.AksGraph;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.aks.FlowLogExplanation;
import io.github.aksreach.k8s.aks.FlowLogTuple;
import io.github.aksreach.k8s.aks.FlowLogs;
import io.github.aksreach.k8s.aks.ScenarioDiff;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.nsg.model.ProbeProtocol;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * End-to-end properties on generated small clusters ({@link GeneratedCluster}): {@code reach} agrees with
 * {@code check}; {@code check}'s fractions equal the weights the core reference evaluator enumerates on the same
 * {@link AksGraph}; NSG rules act monotonically where that is true (see {@link #nsgRulesAreMonotoneUnderFixedHealth});
 * derived health agrees with tracing every probe concretely. Each property counts its cases per outcome and fails
 * when an outcome never occurs, so none passes vacuously.
 */
class EndToEndProperties {
  /** Examples per property; {@code -Daksreach.examples=N} for a longer run. */
  private static final int EXAMPLES = Integer.getInteger("aksreach.examples", 50);
  /** A fixed seed keeps the per-outcome counts stable; {@code -Daksreach.seed=N} explores others. */
  private static final long SEED = Long.getLong("aksreach.seed", 20260801L);

  /** A flow question on a generated cluster: the destination and the layer-7 context. */
  record Question(IpAddress dst, int port, Protocol protocol, Optional<String> host) {
    Flow flow(IpAddress src, int srcPort) {
      Flow f = Flow.of(protocol, src, srcPort, dst, port);
      return host.map(h -> f.withHttp(h, "/")).orElse(f);
    }

    L7 l7() {
      return host.isPresent() ? L7.http(host.get(), "/") : L7.none();
    }
  }

  static Question question(GeneratedCluster c, int pick) {
    List<Question> qs = new ArrayList<>();
    qs.add(new Question(c.webFrontend(), 80, Protocol.TCP, Optional.empty()));
    qs.add(new Question(c.nodeIp(0), 30080, Protocol.TCP, Optional.empty()));
    qs.add(new Question(c.webPodIp(0), 8080, Protocol.TCP, Optional.empty()));
    if (c.nginxNode() >= 0) {
      qs.add(new Question(GeneratedCluster.NGINX_FRONTEND, 80, Protocol.TCP, Optional.of(GeneratedCluster.HOST)));
      qs.add(new Question(GeneratedCluster.NGINX_FRONTEND, 80, Protocol.TCP, Optional.of(GeneratedCluster.HOST)));
      qs.add(new Question(GeneratedCluster.NGINX_FRONTEND, 80, Protocol.TCP, Optional.empty()));
    } else {
      qs.add(new Question(c.webFrontend(), 80, Protocol.TCP, Optional.empty()));
    }
    qs.add(new Question(c.webFrontend(), 443, Protocol.TCP, Optional.empty()));
    return qs.get(Math.floorMod(pick, qs.size()));
  }

  static Gen<int[]> picks() {
    return SourceDSL.integers().between(0, 1 << 20).zip(SourceDSL.integers().between(0, 1 << 20),
        (a, b) -> new int[] {a, b});
  }

  /** The source universe of reach questions. */
  static final IpSet UNIVERSE = IpSet.parse("10.0.0.0/16, 10.244.0.0/16, 203.0.113.0/24, 198.51.100.0/28, "
      + "168.63.129.16/32").get();

  private static void counted(Map<Verdict.Kind, AtomicInteger> counts, Verdict.Kind k) {
    counts.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
  }

  private static void assertEveryKindSeen(Map<Verdict.Kind, AtomicInteger> counts, int atLeast) {
    for (Verdict.Kind k : Verdict.Kind.values()) {
      assertThat(counts.getOrDefault(k, new AtomicInteger()).get()).as("cases with verdict " + k + " in " + counts)
          .isGreaterThanOrEqualTo(atLeast);
    }
  }

  // ------------------------------------------------------------------------------------------------ (1)

  /** (1) A source in {@code reach}'s ALWAYS (SOMETIMES, NEVER) set gets ALWAYS (SOMETIMES, NEVER) from check. */
  @Test
  void reachAgreesWithCheckOnSampledSources() {
    Map<Verdict.Kind, AtomicInteger> counts = new EnumMap<>(Verdict.Kind.class);
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(GeneratedCluster.clusters(), picks())
        .checkAssert((c, pick) -> {
          AksReachability a = AksReachability.of(c.scenario(), AksOptions.defaults());
          Question q = question(c, pick[0]);
          ReachSets sets = a.reach(q.dst(), q.port(), q.protocol(), q.host(), q.host().map(h -> "/"), UNIVERSE).sets();
          assertThat(sets.always().union(sets.sometimes()).union(sets.never())).isEqualTo(UNIVERSE);
          List<IpAddress> sources = new ArrayList<>(c.interestingSources());
          for (IpSet s : List.of(sets.always(), sets.sometimes(), sets.never())) {
            if (!s.isEmpty()) {
              sources.add(s.toCidrs().get(Math.floorMod(pick[1], s.toCidrs().size())).network());
            }
          }
          for (IpAddress src : sources) {
            if (!UNIVERSE.contains(src)) {
              continue;
            }
            Verdict.Kind fromReach = sets.always().contains(src) ? Verdict.Kind.ALWAYS
                : sets.never().contains(src) ? Verdict.Kind.NEVER : Verdict.Kind.SOMETIMES;
            Verdict v = a.check(q.flow(src, 40000 + Math.floorMod(pick[1], 20000))).verdict();
            assertThat(v.kind()).as("%s -> %s:%d %s in %s", src, q.dst(), q.port(), q.host(), c)
                .isEqualTo(fromReach);
            counted(counts, v.kind());
          }
        });
    assertEveryKindSeen(counts, 20);
  }

  /**
   * (1b) {@code reach} solves once per kind of source (each class of in-cluster node or pod, and everything else)
   * over every source address, and splits by kind at the end; that must equal one solve of the whole graph from
   * {@link AksGraph#CLIENT}, whose entry classifier does the split first.
   */
  @Test
  void reachPerKindOfSourceEqualsOneSolveFromTheClient() {
    AtomicInteger inClusterQuestions = new AtomicInteger();
    AtomicInteger otherQuestions = new AtomicInteger();
    AtomicInteger egressMattered = new AtomicInteger();
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(GeneratedCluster.clusters(), picks())
        .checkAssert((c, pick) -> {
          AksReachability a = AksReachability.of(c.scenario(), AksOptions.defaults());
          Question q = question(c, pick[0]);
          ReachSets sets = a.reach(q.dst(), q.port(), q.protocol(), q.host(), q.host().map(h -> "/"), UNIVERSE).sets();
          FlowSpace space = FlowSpace.where(ProtocolSet.of(q.protocol()))
              .restrictTo(Field.DST_IP, IpSet.of(q.dst()))
              .restrictTo(Field.DST_PORT, PortSet.of(q.port()))
              .restrictTo(Field.SRC_IP, UNIVERSE);
          ReachSets whole = a.solve(space, q.l7(), SolveOptions.defaults()).reachBySource();
          assertThat(sets).as("%s:%d %s in %s", q.dst(), q.port(), q.host(), c).isEqualTo(whole);
          boolean toService = space.intersects(
              a.graph(q.l7()).serviceAddressSpace());
          (toService ? inClusterQuestions : otherQuestions).incrementAndGet();
          if (c.policyEngine() && !c.frontendEgress().isEmpty()) {
            // the client pod's egress policy must matter somewhere, or the per-kind split of pods is untested
            ReachSets without = AksReachability.of(c.withFrontendEgress("").scenario(), AksOptions.defaults())
                .reach(q.dst(), q.port(), q.protocol(), q.host(), q.host().map(h -> "/"), UNIVERSE).sets();
            IpAddress frontend = IpAddress.of("10.244.0.50");
            if (sets.always().contains(frontend) != without.always().contains(frontend)
                || sets.never().contains(frontend) != without.never().contains(frontend)) {
              egressMattered.incrementAndGet();
            }
            assertThat(sets.always().difference(IpSet.of(frontend)))
                .as("an egress policy on one pod changes the answer for that pod only")
                .isEqualTo(without.always().difference(IpSet.of(frontend)));
          }
        });
    assertThat(inClusterQuestions.get()).as("questions to a Service address").isGreaterThanOrEqualTo(15);
    assertThat(otherQuestions.get()).as("questions to other addresses").isGreaterThanOrEqualTo(5);
    assertThat(egressMattered.get()).as("questions whose answer the client pod's egress policy changed")
        .isGreaterThanOrEqualTo(3);
  }

  /**
   * (1c) {@code diff} agrees with {@code reach} on both sides and is antisymmetric: a change {@code X -> Y} holds
   * exactly the sources that are X before and Y after; the reverse diff has the same sources as {@code Y -> X}; a
   * cluster against itself has no change. The "after" cluster adds an NSG rule or changes the client pod's egress.
   */
  @Test
  void diffAgreesWithReachOnBothSidesAndIsAntisymmetric() {
    AtomicInteger changed = new AtomicInteger();
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0)
        .forAll(GeneratedCluster.clusters(), picks()).checkAssert((c, pick) -> {
          GeneratedCluster other = pick[1] % 2 == 0 ? c.withFrontendEgress(c.frontendEgress().isEmpty() ? "deny" : "")
              : c.withRule(GeneratedCluster.CLUSTER_NSG, GeneratedCluster.addedRule(new GeneratedCluster.R(pick[0]),
                  c.nsgRules().get(GeneratedCluster.CLUSTER_NSG), pick[0] % 2 == 0 ? "Allow" : "Deny"));
          AksReachability a = AksReachability.of(c.scenario(), AksOptions.defaults());
          AksReachability b = AksReachability.of(other.scenario(), AksOptions.defaults());
          List<io.github.aksreach.core.model.Destination> dsts = ScenarioDiff.frontends(a, b);
          ScenarioDiff forward = ScenarioDiff.of(a, b, dsts);
          ScenarioDiff back = ScenarioDiff.of(b, a, dsts);
          assertThat(ScenarioDiff.of(a, a, dsts).isEmpty()).isTrue();
          for (io.github.aksreach.core.model.Destination d : dsts) {
            ReachSets x = a.reach(d.address(), d.port(), d.protocol(), Optional.empty(), Optional.empty(),
                IpSet.all(d.address().family())).sets();
            ReachSets y = b.reach(d.address(), d.port(), d.protocol(), Optional.empty(), Optional.empty(),
                IpSet.all(d.address().family())).sets();
            for (ScenarioDiff.ReachChange ch : forward.reach()) {
              if (ch.to().equals(d)) {
                assertThat(ch.sources()).isEqualTo(kind(x, ch.before()).intersection(kind(y, ch.after())));
                assertThat(back.reach()).contains(new ScenarioDiff.ReachChange(d, ch.after(), ch.before(),
                    ch.sources()));
                changed.incrementAndGet();
              }
            }
          }
          assertThat(back.reach()).hasSameSizeAs(forward.reach());
          assertThat(back.health()).hasSameSizeAs(forward.health());
        });
    assertThat(changed.get()).as("reach changes seen").isGreaterThanOrEqualTo(10);
  }

  private static IpSet kind(ReachSets s, Verdict.Kind k) {
    return k == Verdict.Kind.ALWAYS ? s.always() : k == Verdict.Kind.NEVER ? s.never() : s.sometimes();
  }

  /**
   * (1d) {@code explain} explains what the model itself would log: for every NSG hop that saw a checked flow's own
   * header, a tuple logged there with that hop's decision and rule is EXPLAINED, and the opposite decision is
   * CONTRADICTED unless another path meets the same NSG with the same header and decides that way.
   */
  @Test
  void explainExplainsTheTuplesTheModelWouldLog() {
    AtomicInteger explained = new AtomicInteger();
    AtomicInteger contradicted = new AtomicInteger();
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(GeneratedCluster.clusters(), picks())
        .checkAssert((c, pick) -> {
          AksReachability a = AksReachability.of(c.scenario(), AksOptions.defaults());
          Question q = question(c, pick[0]);
          for (IpAddress src : c.interestingSources()) {
            Flow f = Flow.of(q.protocol(), src, 40000 + Math.floorMod(pick[1], 20000), q.dst(), q.port());
            Verdict v = a.check(f).verdict();
            for (PathResult p : v.paths()) {
              for (Hop h : p.hops()) {
                if (!(h.origin() instanceof NsgOrigin) || !((NsgOrigin) h.origin()).hasNsg() || !h.seen(f).equals(f)
                    || h.rule().isEmpty()) {
                  continue;
                }
                boolean denied = p.drop().map(d -> d.element().equals(h.element())).orElse(false);
                String nsg = ((NsgOrigin) h.origin()).nsgName().orElseThrow().toUpperCase(java.util.Locale.ROOT);
                FlowLogs.Entry logged = entry(f, nsg, h, denied);
                assertThat(FlowLogExplanation.explain(a, logged).finding()).as("%s at %s", f, h.label())
                    .isEqualTo(FlowLogExplanation.Finding.EXPLAINED);
                explained.incrementAndGet();
                FlowLogExplanation flipped = FlowLogExplanation.explain(a, entry(f, nsg, h, !denied));
                boolean otherWay = flipped.matches().stream().anyMatch(m -> m.denied() != denied);
                if (!otherWay) {
                  assertThat(flipped.finding()).isEqualTo(FlowLogExplanation.Finding.CONTRADICTED);
                  contradicted.incrementAndGet();
                }
              }
            }
          }
        });
    assertThat(explained.get()).as("tuples explained").isGreaterThanOrEqualTo(50);
    assertThat(contradicted.get()).as("flipped tuples contradicted").isGreaterThanOrEqualTo(50);
  }

  private static FlowLogs.Entry entry(Flow f, String nsg, Hop h, boolean denied) {
    FlowLogTuple t = new FlowLogTuple(1671521722L, f, ((NsgOrigin) h.origin()).direction() == Direction.INBOUND,
        denied, Optional.of("B"));
    return new FlowLogs.Entry(Optional.of(nsg), Optional.of("UserRule_" + h.rule().get().name()), f.toString(), t,
        "generated");
  }

  // ------------------------------------------------------------------------------------------------ (2)

  /** (2) check's delivered fraction equals the weight ReferenceEvaluator enumerates on the same graph. */
  @Test
  void fractionsEqualTheReferenceEvaluatorsWeights() {
    Map<Verdict.Kind, AtomicInteger> counts = new EnumMap<>(Verdict.Kind.class);
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(GeneratedCluster.clusters(), picks(),
            SourceDSL.booleans().all())
        .checkAssert((c, pick, transientHealth) -> {
          AksReachability a = AksReachability.of(c.scenario(), AksOptions.defaults()
              .withTransientHealth(transientHealth));
          for (int i = 0; i < 4; i++) {
            Question q = question(c, pick[0] + i);
            List<IpAddress> sources = c.interestingSources();
            for (int j = 0; j < 3; j++) {
              IpAddress src = sources.get(Math.floorMod(pick[1] + 7 * j + 3 * i, sources.size()));
              Flow f = q.flow(src, 50000);
              Verdict v = a.check(f).verdict();
              AksGraph g = a.graph(q.l7());
              List<ReferenceEvaluator.Outcome> outs = ReferenceEvaluator.evaluate(g, AksGraph.CLIENT, f);
              Weight total = Weight.ZERO;
              for (ReferenceEvaluator.Outcome o : outs) {
                total = total.plus(o.weight());
              }
              assertThat(total).as("branch weights sum to one for %s in %s", f, c).isEqualTo(Weight.ONE);
              assertThat(v.deliveredFraction()).as("%s in %s", f, c)
                  .isEqualTo(ReferenceEvaluator.deliveredFraction(outs));
              assertThat(v.kind()).isEqualTo(Verdict.Kind.of(v.deliveredFraction()));
              counted(counts, v.kind());
            }
          }
        });
    assertEveryKindSeen(counts, 15);
  }

  // ------------------------------------------------------------------------------------------------ (3)

  private static int rank(BackendHealth.State s) {
    return s == BackendHealth.State.DOWN ? 0 : s == BackendHealth.State.FLAPPING ? 1 : 2;
  }

  /**
   * (3) Adding one NSG rule: an Allow never lowers, a Deny never raises, (a) the delivered fraction of any flow when
   * every backend is in rotation (transient health), and (b) the health state of any backend (DOWN < FLAPPING < UP)
   * derived from the probes. Both hold because one NSG evaluates first match by priority: a new Allow only turns
   * some denials into allows, so each branch of a flow (or probe) goes at least as far, and the branch weights do not
   * depend on NSGs once the rotation is fixed.
   *
   * <p>It does not hold for the verdict with derived health: an Allow can bring a backend UP whose client path is
   * denied elsewhere, which lowers the fraction. That is the article's step 3 to step 4 (ALWAYS to SOMETIMES), pinned
   * in {@link MonotonicityCounterexampleTest}.
   */
  @Test
  void nsgRulesAreMonotoneUnderFixedHealth() {
    AtomicInteger raisedByAllow = new AtomicInteger();
    AtomicInteger loweredByDeny = new AtomicInteger();
    AtomicInteger healthChanged = new AtomicInteger();
    AtomicInteger unchanged = new AtomicInteger();
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(GeneratedCluster.clusters(), picks(),
            SourceDSL.booleans().all())
        .checkAssert((c, pick, allow) -> {
          Scenario s0 = c.scenario();
          AksReachability t0 = AksReachability.of(s0, AksOptions.defaults().withTransientHealth(true));
          List<Flow> flows = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            Question q = question(c, pick[0] + i);
            List<IpAddress> sources = c.interestingSources();
            for (int j = 0; j < 3; j++) {
              flows.add(q.flow(sources.get(Math.floorMod(pick[1] + 5 * j + i, sources.size())), 50000));
            }
          }
          // half of the cases add a rule aimed at a decision some flow meets (so that it matters), half a random one
          AksReachability d0 = AksReachability.of(s0, AksOptions.defaults());
          List<Map.Entry<Flow, Verdict>> traced = new ArrayList<>();
          for (Flow f : flows) {
            traced.add(Map.entry(f, t0.check(f).verdict()));
          }
          for (BackendHealth b : d0.health().backends()) {
            if (b.probeFlow().isPresent() && b.verdict().isPresent()) {
              traced.add(Math.floorMod(pick[1], 4) < 2 ? 0 : traced.size(),
                  Map.entry(b.probeFlow().get(), b.verdict().get()));
            }
          }
          Optional<Map.Entry<String, GeneratedCluster.Rule>> aimed = Math.floorMod(pick[1], 2) == 0
              ? aimedRule(c, traced, allow) : Optional.empty();
          List<String> nsgs = new ArrayList<>(c.nsgRules().keySet());
          String nsg = aimed.map(Map.Entry::getKey).orElse(nsgs.get(Math.floorMod(pick[0], nsgs.size())));
          GeneratedCluster.Rule r = aimed.map(Map.Entry::getValue).orElseGet(() -> GeneratedCluster.addedRule(
              new GeneratedCluster.R(pick[1]), c.nsgRules().get(nsg), allow ? "Allow" : "Deny"));
          GeneratedCluster after = c.withRule(nsg, r);
          Scenario s1 = after.scenario();
          AksReachability t1 = AksReachability.of(s1, AksOptions.defaults().withTransientHealth(true));
          boolean changed = false;
          for (Flow f : flows) {
            Weight w0 = t0.check(f).verdict().deliveredFraction();
            Weight w1 = t1.check(f).verdict().deliveredFraction();
            if (allow) {
              assertThat(w1).as("%s after adding %s to %s in %s", f, r, nsg, c).isGreaterThanOrEqualTo(w0);
            } else {
              assertThat(w1).as("%s after adding %s to %s in %s", f, r, nsg, c).isLessThanOrEqualTo(w0);
            }
            if (w1.compareTo(w0) != 0) {
              changed = true;
              (allow ? raisedByAllow : loweredByDeny).incrementAndGet();
            }
          }
          List<BackendHealth> h0 = d0.health().backends();
          List<BackendHealth> h1 = AksReachability.of(s1, AksOptions.defaults()).health().backends();
          assertThat(h1).hasSameSizeAs(h0);
          for (int i = 0; i < h0.size(); i++) {
            int before = rank(h0.get(i).state());
            int now = rank(h1.get(i).state());
            if (allow) {
              assertThat(now).as("health of %s after adding %s to %s in %s", h0.get(i).node().name(), r, nsg, c)
                  .isGreaterThanOrEqualTo(before);
            } else {
              assertThat(now).as("health of %s after adding %s to %s in %s", h0.get(i).node().name(), r, nsg, c)
                  .isLessThanOrEqualTo(before);
            }
            if (now != before) {
              changed = true;
              healthChanged.incrementAndGet();
            }
          }
          if (!changed) {
            unchanged.incrementAndGet();
          }
        });
    assertThat(raisedByAllow.get()).as("flows whose fraction an added Allow raised").isGreaterThanOrEqualTo(3);
    assertThat(loweredByDeny.get()).as("flows whose fraction an added Deny lowered").isGreaterThanOrEqualTo(3);
    assertThat(healthChanged.get()).as("backends whose health an added rule changed").isGreaterThanOrEqualTo(3);
  }

  /**
   * An Allow aimed at an NSG denial one of the traced flows or probes meets, or a Deny aimed at an NSG allow on a
   * delivered path:
   * matching the header as that NSG saw it, at the NSG's lowest free priority in 100-490 of that direction.
   */
  static Optional<Map.Entry<String, GeneratedCluster.Rule>> aimedRule(GeneratedCluster c,
                                                                     List<Map.Entry<Flow, Verdict>> traced,
                                                                     boolean allow) {
    for (Map.Entry<Flow, Verdict> t : traced) {
      Flow f = t.getKey();
      for (PathResult p : t.getValue().paths()) {
        if (p.delivered() == allow) {
          continue;
        }
        for (int i = p.hops().size() - 1; i >= 0; i--) {
          Hop h = p.hops().get(i);
          boolean nsgHop = h.origin() instanceof NsgOrigin && ((NsgOrigin) h.origin()).hasNsg() && h.rule().isPresent();
          if (!nsgHop || (allow && i != p.hops().size() - 1)) {
            continue;
          }
          String nsg = ((NsgOrigin) h.origin()).nsgName().orElseThrow();
          if (!c.nsgRules().containsKey(nsg)) {
            continue;
          }
          String direction = ((NsgOrigin) h.origin()).direction() == Direction.OUTBOUND ? "Outbound" : "Inbound";
          Flow seen = h.seen(f);
          for (int prio = 100; prio <= 490; prio += 10) {
            int q = prio;
            if (c.nsgRules().get(nsg).stream().noneMatch(x -> x.priority() == q && x.direction().equals(direction))) {
              return Optional.of(Map.entry(nsg, new GeneratedCluster.Rule("aimed", prio, direction,
                  allow ? "Allow" : "Deny", "Tcp", seen.srcIp().toString(), seen.dstIp().toString(),
                  String.valueOf(seen.dstPort()))));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------------------------------------ (4)

  /**
   * (4) Every backend's state equals what the reference evaluator finds tracing its probe concretely, node by node
   * (so the node-class shortcut of the health computation is checked too): UP iff every probe branch is answered,
   * DOWN iff none is, FLAPPING otherwise; a rule without probe keeps every backend UP.
   */
  @Test
  void healthAgreesWithTracingEachProbe() {
    Map<BackendHealth.State, AtomicInteger> counts = new EnumMap<>(BackendHealth.State.class);
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(GeneratedCluster.clusters()).checkAssert(c -> {
      AksReachability a = AksReachability.of(c.scenario(), AksOptions.defaults());
      for (BackendHealth b : a.health().backends()) {
        BackendHealth.State expected;
        if (b.probe().isEmpty()) {
          expected = BackendHealth.State.UP;
        } else {
          Probe p = b.probe().get();
          L7 l7 = p.protocol() == ProbeProtocol.TCP ? L7.none() : L7.probe(p.requestPath().orElse("/"));
          AksGraph g = new AksGraph(a.network(), HealthView.allUp(), l7);
          Flow probe = Flow.of(Protocol.TCP, AksReachability.PROBE_SOURCE, 55555, b.ip(), p.port());
          Weight w = ReferenceEvaluator.deliveredFraction(ReferenceEvaluator.evaluate(g, g.nodeEntry(b.node()), probe));
          expected = w.isOne() ? BackendHealth.State.UP : w.isZero() ? BackendHealth.State.DOWN
              : BackendHealth.State.FLAPPING;
        }
        assertThat(b.state()).as("%s %s probe %s: %s in %s", b.frontend(), b.node().name(), b.probe(), b.reason(), c)
            .isEqualTo(expected);
        counts.computeIfAbsent(b.state(), k -> new AtomicInteger()).incrementAndGet();
      }
    });
    for (BackendHealth.State s : BackendHealth.State.values()) {
      assertThat(counts.getOrDefault(s, new AtomicInteger()).get()).as("backends " + s + " in " + counts)
          .isGreaterThanOrEqualTo(3);
    }
  }
}
