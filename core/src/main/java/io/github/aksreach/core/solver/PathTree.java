package io.github.aksreach.core.solver;

import io.github.aksreach.core.internal.Dd;
import io.github.aksreach.core.internal.RangeSet128;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the solver found for a query: one {@link PathResult} per leaf, each with the original flows that took
 * it. Answers are stated in terms of what the client sent.
 *
 * <pre>{@code
 * PathTree t = PathSolver.solve(graph, "client", query);
 * t.verdict(flow).kind();             // ALWAYS | SOMETIMES | NEVER
 * t.reachBySource().always();         // exact source set that always reaches
 * }</pre>
 */
public final class PathTree {
  private final FlowSpace query;
  private final List<PathResult> paths;

  public PathTree(FlowSpace query, List<PathResult> paths) {
    this.query = query;
    this.paths = List.copyOf(paths);
  }

  public FlowSpace query() {
    return query;
  }

  public List<PathResult> paths() {
    return paths;
  }

  /** The verdict for one flow of the query, with the paths it takes. */
  public Verdict verdict(Flow f) {
    Weight delivered = Weight.ZERO;
    List<PathResult> taken = new ArrayList<>(paths.size());
    for (PathResult p : paths) {
      if (p.space().contains(f)) {
        taken.add(p);
        if (p.delivered()) {
          delivered = delivered.plus(p.weight());
        }
      }
    }
    return new Verdict(Verdict.Kind.of(delivered), delivered, taken);
  }

  /** The delivered fraction as a function of the original header (leaves are {@link Weight}s). */
  public Dd fractions() {
    Dd acc = Dd.leaf(Weight.ZERO);
    for (PathResult p : paths) {
      if (p.delivered()) {
        Weight w = p.weight();
        Dd part = Dd.mapLeaves(p.space().diagram(), b -> (Boolean) b ? w : Weight.ZERO);
        acc = Dd.apply(acc, part, (x, y) -> ((Weight) x).plus((Weight) y));
      }
    }
    return acc;
  }

  /** The query's source addresses split by verdict (a source is ALWAYS only if all its queried flows are). */
  public ReachSets reachBySource() {
    Object out = "outside";
    Dd classified = Dd.apply(fractions(), query.diagram(), (w, in) -> (Boolean) in ? Verdict.Kind.of((Weight) w) : out);
    Map<Object, RangeSet128> bySrc = Dd.project(classified, Field.SRC_IP.level());
    RangeSet128 always = bySrc.getOrDefault(Verdict.Kind.ALWAYS, RangeSet128.EMPTY);
    RangeSet128 never = bySrc.getOrDefault(Verdict.Kind.NEVER, RangeSet128.EMPTY);
    RangeSet128 some = bySrc.getOrDefault(Verdict.Kind.SOMETIMES, RangeSet128.EMPTY);
    IpSet queried = query.ips(Field.SRC_IP);
    RangeSet128 pureAlways = always.difference(never).difference(some);
    RangeSet128 pureNever = never.difference(always).difference(some);
    IpSet a = IpSet.ofRanges(pureAlways).intersection(queried);
    IpSet n = IpSet.ofRanges(pureNever).intersection(queried);
    return new ReachSets(a, queried.difference(a).difference(n), n);
  }
}
