package io.github.aksreach.core.solver;

import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exact path solver: walks an {@link ElementGraph} from a start element with a set of flows and returns every
 * path, each with the original flows that took it, its weight and its hops.
 *
 * <pre>{@code
 * PathTree one = PathSolver.solve(graph, client, Flow.tcp("192.168.1.4:50326", "192.168.0.22:80"),
 *     SolveOptions.defaults());
 * one.verdict(flow).kind();                                  // SOMETIMES
 * PathTree all = PathSolver.solve(graph, client, FlowSpace.where(Field.DST_PORT, PortSet.of(80)),
 *     SolveOptions.defaults());
 * all.reachBySource().always();                              // who always reaches
 * }</pre>
 *
 * <p>Rewrites are constant assignments, so the solver keeps the original flows and the assignments in force: a
 * classifier sees the header with assigned fields replaced (its rule index is cofactored on them) and splits the
 * original flows accordingly. For a single concrete flow every classifier costs one index lookup.
 */
public final class PathSolver {
  private final ElementGraph graph;
  private final SolveOptions options;
  private final Flow concrete;
  /** When tracking the class of a concrete flow: the box of original headers that take the same paths. */
  private final long[] box;
  private final List<PathResult> out = new ArrayList<>();
  private final Map<RestrictKey, FlowSpace> restricted = new HashMap<>();

  private PathSolver(ElementGraph graph, SolveOptions options, Flow concrete, long[] box) {
    this.graph = graph;
    this.options = options;
    this.concrete = concrete;
    this.box = box;
  }

  /** All paths of the flows in {@code space}. */
  public static PathTree solve(ElementGraph graph, ElementKey start, FlowSpace space, SolveOptions options) {
    PathSolver s = new PathSolver(graph, options, null, null);
    s.walk(start, State.start(space, null));
    return new PathTree(space, s.out);
  }

  public static PathTree solve(ElementGraph graph, ElementKey start, FlowSpace space) {
    return solve(graph, start, space, SolveOptions.defaults());
  }

  /**
   * All paths of one concrete flow: each classifier costs one index lookup on the header as it sees it. Every path's
   * space is the single flow.
   */
  public static PathTree solve(ElementGraph graph, ElementKey start, Flow flow, SolveOptions options) {
    FlowSpace space = FlowSpace.of(flow);
    PathSolver s = new PathSolver(graph, options, flow, null);
    s.walk(start, State.start(space, flow.keys()));
    return new PathTree(space, s.out);
  }

  /** The paths of one concrete flow, and the box of original headers that take exactly the same paths. */
  record Classified(PathTree tree, long[] box) {}

  /**
   * {@link #solve(ElementGraph, String, Flow, SolveOptions)}, also computing the flow's class: the box (inclusive
   * bounds per field) of original headers for which every classifier on every path decides the same rule. A
   * classifier's decision is constant on each cell of its index; a field rewritten before the classifier is a
   * constant there and does not narrow the box. Forks, rewrites and sinks do not depend on the header, so every
   * flow of the box has the same paths, hops, weights and drops.
   */
  static Classified solveClassified(ElementGraph graph, ElementKey start, Flow flow, SolveOptions options) {
    FlowSpace space = FlowSpace.of(flow);
    long[] box = new long[4 * Field.values().length];
    for (int f = 0; f < Field.values().length; f++) {
      box[4 * f + 2] = -1L;
      box[4 * f + 3] = -1L;
    }
    PathSolver s = new PathSolver(graph, options, flow, box);
    s.walk(start, State.start(space, flow.keys()));
    return new Classified(new PathTree(space, s.out), box);
  }

  /**
   * Where a walk is: the original flows, the rewrites in force (an immutable list), the weight, the blockers met in
   * explain mode and, for a concrete flow, {@code keys}: the header as the next hop sees it, and the mask of
   * rewritten fields. The state is also the path's trail: {@code hop} is the last hop taken and {@code prev} the
   * state it was taken from (copies made by the other methods keep both), so branches share their common prefix.
   */
  private static final class State {
    final FlowSpace space;
    final List<Assign> rewrites;
    final Weight weight;
    final List<DropInfo> blockers;
    final long[] keys;
    final int rewritten;
    final Hop hop;
    final State prev;
    final int depth;

    State(FlowSpace space, List<Assign> rewrites, Weight weight, List<DropInfo> blockers, long[] keys, int rewritten,
          Hop hop, State prev, int depth) {
      this.space = space;
      this.rewrites = rewrites;
      this.weight = weight;
      this.blockers = blockers;
      this.keys = keys;
      this.rewritten = rewritten;
      this.hop = hop;
      this.prev = prev;
      this.depth = depth;
    }

    static State start(FlowSpace space, long[] keys) {
      return new State(space, List.of(), Weight.ONE, List.of(), keys, 0, null, null, 0);
    }

    State hop(Hop h) {
      return new State(space, rewrites, weight, blockers, keys, rewritten, h, this, depth + 1);
    }

    List<Hop> hops() {
      Hop[] hs = new Hop[depth];
      State t = this;
      for (int i = depth - 1; i >= 0; i--) {
        hs[i] = t.hop;
        t = t.prev;
      }
      return List.of(hs);
    }

    State assign(List<Assign> as) {
      if (as.isEmpty()) {
        return this;
      }
      Assign[] all = new Assign[rewrites.size() + as.size()];
      int n = 0;
      for (Assign a : rewrites) {
        all[n++] = a;
      }
      int mask = rewritten;
      long[] k = keys == null ? null : keys.clone();
      for (Assign a : as) {
        all[n++] = a;
        mask |= 1 << a.field().level();
        if (k != null) {
          if (a.field() == Field.PROTOCOL) {
            throw new IllegalArgumentException("cannot rewrite " + a.field());
          }
          // the header as Hop.apply would give it: the assigned field's key, the others unchanged
          k[2 * a.field().level()] = a.hi();
          k[2 * a.field().level() + 1] = a.lo();
        }
      }
      return new State(space, List.of(all), weight, blockers, k, mask, hop, prev, depth);
    }

    State weighted(Weight w) {
      return new State(space, rewrites, weight.times(w), blockers, keys, rewritten, hop, prev, depth);
    }

    State within(FlowSpace s) {
      return new State(s, rewrites, weight, blockers, keys, rewritten, hop, prev, depth);
    }

    State blocked(DropInfo d) {
      DropInfo[] bs = blockers.toArray(new DropInfo[blockers.size() + 1]);
      bs[bs.length - 1] = d;
      return new State(space, rewrites, weight, List.of(bs), keys, rewritten, hop, prev, depth);
    }

    Map<Field, Assign> current() {
      Map<Field, Assign> m = new EnumMap<>(Field.class);
      for (Assign a : rewrites) {
        m.put(a.field(), a);
      }
      return m;
    }
  }

  /**
   * A space seen through rewrites; {@code hash} is made by {@link #classify} from the rewrites' hash, taken once per
   * classifier (the record's own hash went through every rewrite for every rule).
   */
  private record RestrictKey(FlowSpace space, Map<Field, Assign> assigned, int hash) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RestrictKey && ((RestrictKey) o).hash == hash && ((RestrictKey) o).space.equals(space)
          && ((RestrictKey) o).assigned.equals(assigned);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private void walk(ElementKey key, State s) {
    if (s.depth >= options.maxHops()) {
      leafDropped(s, new DropInfo(HopKind.LOOP, key, Origin.of(HopKind.LOOP, key.toString()), Optional.empty(),
          "path longer than " + options.maxHops() + " hops", java.util.OptionalInt.empty()));
      return;
    }
    Element e = graph.element(key)
        .orElseThrow(() -> new IllegalStateException("graph has no element '" + key + "'"));
    if (e instanceof Sink) {
      State t = s.hop(new Hop(e.key(), e.origin(), Action.DELIVERED, "delivered", Optional.empty(), s.rewrites));
      if (t.blockers.isEmpty()) {
        out.add(new PathResult(true, t.space, t.weight, t.hops(), Optional.empty(), List.of(),
            Optional.of(e.origin()), t.rewrites));
      } else {
        out.add(new PathResult(false, t.space, t.weight, t.hops(), Optional.of(t.blockers.get(0)),
            t.blockers, Optional.empty(), t.rewrites));
      }
    } else if (e instanceof Rewrite) {
      Rewrite r = (Rewrite) e;
      State t = s.hop(new Hop(e.key(), e.origin(), Action.TRANSFORMED, r.decision(), Optional.empty(),
          s.rewrites));
      walk(r.target(), t.assign(r.assigns()));
    } else if (e instanceof Fork) {
      Fork f = (Fork) e;
      for (Fork.Branch b : f.branches()) {
        State t = s.hop(new Hop(e.key(), e.origin(), Action.FORWARDED, b.decision(), Optional.empty(), s.rewrites));
        walk(b.target(), t.weighted(b.weight()).assign(b.assigns()));
      }
    } else {
      classify((Classifier) e, s);
    }
  }

  private void classify(Classifier c, State s) {
    if (concrete != null) {
      take(c, box == null ? c.decideKeys(s.keys) : c.decideKeys(s.keys, box, s.rewritten), s);
      return;
    }
    Map<Field, Assign> assigned = s.current();
    int assignedHash = assigned.isEmpty() ? 0 : assigned.hashCode();
    FlowSpace remaining = s.space;
    for (int i = 0; !remaining.isEmpty() && c.hasRule(i); i++) {
      FlowSpace rule = seenAs(c.ruleSpace(i), assigned, assignedHash);
      FlowSpace part = remaining.intersection(rule);
      if (!part.isEmpty()) {
        remaining = remaining.difference(part);
        take(c, i, s.within(part));
      }
    }
    if (!remaining.isEmpty()) {
      take(c, -1, s.within(remaining));
    }
  }

  /** The original flows that, with {@code assigned} rewrites, are in {@code space}. */
  private FlowSpace seenAs(FlowSpace space, Map<Field, Assign> assigned, int assignedHash) {
    if (assigned.isEmpty() || space.isEmpty() || space.isAll()) {
      return space;
    }
    return restricted.computeIfAbsent(new RestrictKey(space, assigned, space.hashCode() * 31 + assignedHash), k -> {
      FlowSpace d = space;
      for (Assign a : assigned.values()) {
        d = d.fixing(a.field(), a.hi(), a.lo());
      }
      return d;
    });
  }

  private void take(Classifier c, int ruleIndex, State s) {
    Outcome o = c.outcome(ruleIndex);
    Optional<RuleRef> rule = c.ruleRefIfAny(ruleIndex);
    if (o instanceof Outcome.Next) {
      Outcome.Next n = (Outcome.Next) o;
      walk(n.target(), s.hop(new Hop(c.key(), c.origin(), Action.PERMITTED, n.decision(), rule, s.rewrites)));
      return;
    }
    Outcome.Drop d = (Outcome.Drop) o;
    DropInfo info = new DropInfo(d.kind(), c.key(), c.origin(), rule, d.reason(), d.status());
    State t = s.hop(new Hop(c.key(), c.origin(), Action.DENIED, "dropped: " + d.reason(), rule, s.rewrites));
    if (options.explainAll() && d.bypassTo().isPresent()) {
      walk(d.bypassTo().get(), t.blocked(info));
    } else {
      // leafDropped lists the blockers met before and this one; with none before, the list is just this one
      leafDropped(t.blockers.isEmpty() ? t : t.blocked(info), info);
    }
  }

  private void leafDropped(State s, DropInfo last) {
    List<DropInfo> bs = s.blockers.isEmpty() ? List.of(last) : s.blockers;
    out.add(new PathResult(false, s.space, s.weight, s.hops(), Optional.of(bs.get(0)), bs,
        Optional.empty(), s.rewrites));
  }
}
