package io.github.aksreach.core.solver;

import io.github.aksreach.core.internal.Dd;
import io.github.aksreach.core.internal.RangeSet128;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpSet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the solver found for a query: one {@link PathResult} per leaf, each with the original flows that took
 * it. Answers are stated in terms of what the client sent.
 *
 * <pre>{@code
 * PathTree t = PathSolver.solve(graph, client, query);
 * t.verdict(flow).kind();             // ALWAYS | SOMETIMES | NEVER
 * t.reachBySource().always();         // exact source set that always reaches
 * }</pre>
 */
public final class PathTree {
  private final FlowSpace query;
  private final List<PathResult> paths;
  private volatile Dd fractions;

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

  /**
   * The delivered fraction as a function of the original header (leaves are {@link Weight}s). Paths with equal
   * spaces add their weights first (equal sets are one diagram), then the diagrams are summed pairwise, so the cost
   * follows the distinct spaces and their sizes, not the number of paths times the size of the running sum. Computed
   * once per tree.
   */
  public Dd fractions() {
    Dd f = fractions;
    if (f == null) {
      f = sumOfDelivered();
      fractions = f;
    }
    return f;
  }

  private Dd sumOfDelivered() {
    Map<FlowSpace, Weight> bySpace = new LinkedHashMap<>();
    for (PathResult p : paths) {
      if (p.delivered()) {
        bySpace.merge(p.space(), p.weight(), Weight::plus);
      }
    }
    List<Dd> parts = new ArrayList<>(bySpace.size());
    bySpace.forEach((space, w) -> parts.add(Dd.mapLeaves(space.diagram(), b -> (Boolean) b ? w : Weight.ZERO)));
    return sum(parts);
  }

  private static Dd sum(List<Dd> parts) {
    if (parts.isEmpty()) {
      return Dd.leaf(Weight.ZERO);
    }
    List<Dd> level = parts;
    while (level.size() > 1) {
      List<Dd> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i < level.size(); i += 2) {
        next.add(i + 1 < level.size() ? Dd.apply(level.get(i), level.get(i + 1), PathTree::plus) : level.get(i));
      }
      level = next;
    }
    return level.get(0);
  }

  private static Object plus(Object x, Object y) {
    return ((Weight) x).plus((Weight) y);
  }

  /** The query's source addresses split by verdict (a source is ALWAYS only if all its queried flows are). */
  public ReachSets reachBySource() {
    return reachBySource(query, List.of(new SourcePart(query.ips(Field.SRC_IP), List.of(this))));
  }

  /**
   * Who reaches, when where a flow enters the graph depends on its source address: each part names the sources it
   * stands for and the trees that answer for them (solved over the whole query or over disjoint pieces of it, from
   * whatever entry those sources take). A source's verdict comes from its own part only, so each tree may be solved
   * over every source address and stay compact, while the source sets themselves may be as fragmented as a dump's
   * pod addresses are.
   *
   * <pre>{@code
   * PathTree pods = PathSolver.solve(g, "pod-entry", query);
   * PathTree others = PathSolver.solve(g, "outside-entry", query);
   * ReachSets r = PathTree.reachBySource(query, List.of(
   *     new PathTree.SourcePart(podAddresses, List.of(pods)),
   *     new PathTree.SourcePart(podAddresses.complement(), List.of(others))));
   * }</pre>
   *
   * @param query the question, stated in the original header
   * @param parts disjoint source sets covering the query's sources; each part's trees cover disjoint parts of the
   *     query, whose union is the query
   * @throws IllegalArgumentException when the parts do not cover the query's sources or overlap
   */
  public static ReachSets reachBySource(FlowSpace query, List<SourcePart> parts) {
    IpSet queried = query.ips(Field.SRC_IP);
    Ranges always = new Ranges();
    Ranges sometimes = new Ranges();
    Ranges never = new Ranges();
    BigInteger counted = BigInteger.ZERO;
    for (SourcePart part : parts) {
      RangeSet128 sources = part.sources().intersection(queried).ranges();
      if (sources.isEmpty()) {
        continue;
      }
      counted = counted.add(sources.cardinality());
      List<Dd> fs = new ArrayList<>(part.trees().size());
      part.trees().forEach(t -> fs.add(t.fractions()));
      Object out = "outside";
      Dd classified = Dd.apply(sum(fs), query.diagram(),
          (w, in) -> (Boolean) in ? Verdict.Kind.of((Weight) w) : out);
      Map<Object, RangeSet128> bySrc = Dd.project(classified, Field.SRC_IP.level());
      RangeSet128 a = bySrc.getOrDefault(Verdict.Kind.ALWAYS, RangeSet128.EMPTY);
      RangeSet128 n = bySrc.getOrDefault(Verdict.Kind.NEVER, RangeSet128.EMPTY);
      RangeSet128 some = bySrc.getOrDefault(Verdict.Kind.SOMETIMES, RangeSet128.EMPTY);
      RangeSet128 pa = a.difference(n).difference(some).intersection(sources);
      RangeSet128 pn = n.difference(a).difference(some).intersection(sources);
      always.add(pa);
      never.add(pn);
      sometimes.add(sources.difference(pa).difference(pn));
    }
    IpSet all = IpSet.ofRanges(always.union(sometimes).union(never).build());
    if (!all.equals(queried)) {
      throw new IllegalArgumentException("source parts must cover the queried sources " + queried
          + "; they leave out " + queried.difference(all));
    }
    if (!counted.equals(all.ranges().cardinality())) {
      throw new IllegalArgumentException("source parts must be disjoint: they count " + counted
          + " queried sources, of " + all.ranges().cardinality());
    }
    return new ReachSets(IpSet.ofRanges(always.build()), IpSet.ofRanges(sometimes.build()),
        IpSet.ofRanges(never.build()));
  }

  /** Ranges gathered from several sets, merged once. */
  private static final class Ranges {
    private long[] groups = new long[64];
    private int n;

    void add(RangeSet128 s) {
      for (int i = 0; i < s.size(); i++) {
        if (n + 4 > groups.length) {
          groups = java.util.Arrays.copyOf(groups, groups.length * 2);
        }
        groups[n++] = s.startHi(i);
        groups[n++] = s.startLo(i);
        groups[n++] = s.endHi(i);
        groups[n++] = s.endLo(i);
      }
    }

    Ranges union(Ranges o) {
      Ranges u = new Ranges();
      u.groups = java.util.Arrays.copyOf(groups, n + o.n);
      System.arraycopy(o.groups, 0, u.groups, n, o.n);
      u.n = n + o.n;
      return u;
    }

    RangeSet128 build() {
      return RangeSet128.ofUnsorted(java.util.Arrays.copyOf(groups, n));
    }
  }

  /**
   * Sources that enter the graph alike, and the trees that answer for them ({@link #reachBySource(FlowSpace, List)}).
   *
   * <pre>{@code
   * new PathTree.SourcePart(IpSet.parse("10.244.0.0/16").orElseThrow(), List.of(podTree));
   * }</pre>
   *
   * @param sources the source addresses this part stands for
   * @param trees solved over disjoint pieces of the query that together make it up
   */
  public record SourcePart(IpSet sources, List<PathTree> trees) {
    public SourcePart {
      trees = List.copyOf(trees);
    }
  }
}
