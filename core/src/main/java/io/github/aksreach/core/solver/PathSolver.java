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
 * PathTree one = PathSolver.solve(graph, "client", Flow.tcp("192.168.1.4:50326", "192.168.0.22:80"),
 *     SolveOptions.defaults());
 * one.verdict(flow).kind();                                  // SOMETIMES
 * PathTree all = PathSolver.solve(graph, "client", FlowSpace.where(Field.DST_PORT, PortSet.of(80)),
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
  private final List<PathResult> out = new ArrayList<>();
  private final Map<RestrictKey, FlowSpace> restricted = new HashMap<>();

  private PathSolver(ElementGraph graph, SolveOptions options, Flow concrete) {
    this.graph = graph;
    this.options = options;
    this.concrete = concrete;
  }

  /** All paths of the flows in {@code space}. */
  public static PathTree solve(ElementGraph graph, String start, FlowSpace space, SolveOptions options) {
    PathSolver s = new PathSolver(graph, options, null);
    s.walk(start, new State(space, List.of(), Weight.ONE, Trail.EMPTY, List.of(), null));
    return new PathTree(space, s.out);
  }

  public static PathTree solve(ElementGraph graph, String start, FlowSpace space) {
    return solve(graph, start, space, SolveOptions.defaults());
  }

  /**
   * All paths of one concrete flow: each classifier costs one index lookup on the header as it sees it. Every path's
   * space is the single flow.
   */
  public static PathTree solve(ElementGraph graph, String start, Flow flow, SolveOptions options) {
    FlowSpace space = FlowSpace.of(flow);
    PathSolver s = new PathSolver(graph, options, flow);
    s.walk(start, new State(space, List.of(), Weight.ONE, Trail.EMPTY, List.of(), flow.keys()));
    return new PathTree(space, s.out);
  }

  /** The hops of a path so far, shared by the branches that fork from it (a persistent list, newest first). */
  private static final class Trail {
    static final Trail EMPTY = new Trail(null, null, 0);
    final Hop hop;
    final Trail prev;
    final int size;

    Trail(Hop hop, Trail prev, int size) {
      this.hop = hop;
      this.prev = prev;
      this.size = size;
    }

    Trail plus(Hop h) {
      return new Trail(h, this, size + 1);
    }

    List<Hop> toList() {
      Hop[] hs = new Hop[size];
      Trail t = this;
      for (int i = size - 1; i >= 0; i--) {
        hs[i] = t.hop;
        t = t.prev;
      }
      return List.of(hs);
    }
  }

  /**
   * Where a walk is: the original flows, the rewrites in force (an immutable list), the weight, the hops and, in
   * explain mode, the blockers met. For a concrete flow, {@code keys} is the header as the next hop sees it.
   */
  private record State(FlowSpace space, List<Assign> rewrites, Weight weight, Trail hops, List<DropInfo> blockers,
                       long[] keys) {
    State hop(Hop h) {
      return new State(space, rewrites, weight, hops.plus(h), blockers, keys);
    }

    State assign(List<Assign> as, Flow concrete) {
      if (as.isEmpty()) {
        return this;
      }
      List<Assign> rs = new ArrayList<>(rewrites.size() + as.size());
      rs.addAll(rewrites);
      rs.addAll(as);
      List<Assign> all = List.copyOf(rs);
      return new State(space, all, weight, hops, blockers,
          concrete == null ? null : Hop.apply(concrete, all).keys());
    }

    State weighted(Weight w) {
      return new State(space, rewrites, weight.times(w), hops, blockers, keys);
    }

    State within(FlowSpace s) {
      return new State(s, rewrites, weight, hops, blockers, keys);
    }

    State blocked(DropInfo d) {
      List<DropInfo> bs = new ArrayList<>(blockers);
      bs.add(d);
      return new State(space, rewrites, weight, hops, List.copyOf(bs), keys);
    }

    Map<Field, Assign> current() {
      Map<Field, Assign> m = new EnumMap<>(Field.class);
      for (Assign a : rewrites) {
        m.put(a.field(), a);
      }
      return m;
    }
  }

  private record RestrictKey(FlowSpace space, Map<Field, Assign> assigned) {}

  private void walk(String id, State s) {
    if (s.hops().size >= options.maxHops()) {
      leafDropped(s, new DropInfo("LOOP", id, id, Optional.empty(),
          "path longer than " + options.maxHops() + " hops", java.util.OptionalInt.empty()));
      return;
    }
    Element e = graph.element(id)
        .orElseThrow(() -> new IllegalStateException("graph has no element '" + id + "'"));
    if (e instanceof Sink) {
      State t = s.hop(new Hop(e.id(), e.label(), e.kind(), "delivered", Optional.empty(), s.rewrites()));
      if (t.blockers().isEmpty()) {
        out.add(new PathResult(true, t.space(), t.weight(), t.hops().toList(), Optional.empty(), List.of(),
            Optional.of(e.label()), t.rewrites()));
      } else {
        out.add(new PathResult(false, t.space(), t.weight(), t.hops().toList(), Optional.of(t.blockers().get(0)),
            t.blockers(), Optional.empty(), t.rewrites()));
      }
    } else if (e instanceof Rewrite) {
      Rewrite r = (Rewrite) e;
      State t = s.hop(new Hop(e.id(), e.label(), e.kind(), "rewrite " + r.assigns(), Optional.empty(),
          s.rewrites()));
      walk(r.target(), t.assign(r.assigns(), concrete));
    } else if (e instanceof Fork) {
      Fork f = (Fork) e;
      for (Fork.Branch b : f.branches()) {
        State t = s.hop(new Hop(e.id(), e.label(), e.kind(), b.decision(), Optional.empty(), s.rewrites()));
        walk(b.target(), t.weighted(b.weight()).assign(b.assigns(), concrete));
      }
    } else {
      classify((Classifier) e, s);
    }
  }

  private void classify(Classifier c, State s) {
    if (concrete != null) {
      take(c, c.decideKeys(s.keys()), s);
      return;
    }
    Map<Field, Assign> assigned = s.current();
    FlowSpace remaining = s.space();
    for (int i = 0; i < c.size() && !remaining.isEmpty(); i++) {
      FlowSpace rule = seenAs(c.ruleSpace(i), assigned);
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
  private FlowSpace seenAs(FlowSpace space, Map<Field, Assign> assigned) {
    if (assigned.isEmpty() || space.isEmpty() || space.isAll()) {
      return space;
    }
    return restricted.computeIfAbsent(new RestrictKey(space, assigned), k -> {
      FlowSpace d = space;
      for (Assign a : assigned.values()) {
        d = d.fixing(a.field(), a.hi(), a.lo());
      }
      return d;
    });
  }

  private void take(Classifier c, int ruleIndex, State s) {
    Outcome o = c.outcome(ruleIndex);
    Optional<RuleRef> rule = ruleIndex < 0 ? Optional.empty() : Optional.of(c.ruleRef(ruleIndex));
    if (o instanceof Outcome.Next) {
      Outcome.Next n = (Outcome.Next) o;
      walk(n.target(), s.hop(new Hop(c.id(), c.label(), c.kind(), n.decision(), rule, s.rewrites())));
      return;
    }
    Outcome.Drop d = (Outcome.Drop) o;
    DropInfo info = new DropInfo(d.kind(), c.id(), c.label(), rule, d.reason(), d.status());
    State t = s.hop(new Hop(c.id(), c.label(), c.kind(), "dropped: " + d.reason(), rule, s.rewrites()));
    if (options.explainAll() && d.bypassTo().isPresent()) {
      walk(d.bypassTo().get(), t.blocked(info));
    } else {
      leafDropped(t.blocked(info), info);
    }
  }

  private void leafDropped(State s, DropInfo last) {
    List<DropInfo> bs = s.blockers().isEmpty() ? List.of(last) : s.blockers();
    out.add(new PathResult(false, s.space(), s.weight(), s.hops().toList(), Optional.of(bs.get(0)), bs,
        Optional.empty(), s.rewrites()));
  }
}
