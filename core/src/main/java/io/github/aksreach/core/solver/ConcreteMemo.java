package io.github.aksreach.core.solver;

import io.github.aksreach.core.internal.U128;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import java.util.List;

/**
 * Concrete solves over one graph, remembered per class of equivalent flows: the first flow of a class is walked
 * (one index lookup per classifier, as {@link PathSolver#solve(ElementGraph, ElementKey, Flow, SolveOptions)}); later
 * flows of the same class reuse its paths without walking.
 *
 * <pre>{@code
 * ConcreteMemo memo = new ConcreteMemo(graph, client, SolveOptions.defaults(), 64);
 * memo.solve(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")).verdict(flow);   // walks the graph
 * memo.solve(Flow.tcp("192.168.1.4:50327", "192.168.0.22:80"));                 // same class: no walk
 * }</pre>
 *
 * <p>Exactness. A flow's class is the box of original headers for which every classifier on every one of its paths
 * picks the same rule: the intersection, over those classifiers, of the cell of the classifier's index that holds
 * the header as the classifier sees it (fields rewritten before a classifier are constants there and do not narrow
 * the box). Forks, rewrites and sinks do not look at the header, so every flow of the box takes the same paths with
 * the same hops, weights, rewrites and drops; only each path's space differs, and a remembered answer is returned
 * with the asked flow as that space. The answer is therefore identical to a fresh walk's, provided the graph is
 * fixed: the same id always yields the same element (true of lazily built graphs whose elements never change).
 *
 * <p>At most {@code capacity} classes are kept (the oldest is replaced); lookups scan them, so keep the capacity
 * small. Thread-safe.
 */
public final class ConcreteMemo {
  private final ElementGraph graph;
  private final ElementKey start;
  private final SolveOptions options;
  private final Entry[] entries;
  private int size;
  private int next;

  private record Entry(long[] box, List<PathResult> paths, Verdict.Kind kind, Weight delivered) {
    boolean contains(long[] keys) {
      for (int f = 0; 4 * f < box.length; f++) {
        long hi = keys[2 * f];
        long lo = keys[2 * f + 1];
        if (U128.compare(hi, lo, box[4 * f], box[4 * f + 1]) < 0
            || U128.compare(hi, lo, box[4 * f + 2], box[4 * f + 3]) > 0) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * A memo of solves from {@code start} over {@code graph}.
   *
   * @param capacity how many classes to keep (at least 1)
   */
  public ConcreteMemo(ElementGraph graph, ElementKey start, SolveOptions options, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.graph = graph;
    this.start = start;
    this.options = options;
    this.entries = new Entry[capacity];
  }

  /** The paths of {@code flow}: equal to {@code PathSolver.solve(graph, start, flow, options)}. */
  public PathTree solve(Flow flow) {
    Entry hit = lookup(flow.keys());
    if (hit == null) {
      return walk(flow);
    }
    FlowSpace space = FlowSpace.of(flow);
    return new PathTree(space, paths(hit, space));
  }

  /** The verdict of {@code flow}: equal to {@code solve(flow).verdict(flow)}, without building the tree on a hit. */
  public Verdict verdict(Flow flow) {
    Entry hit = lookup(flow.keys());
    if (hit == null) {
      return walk(flow).verdict(flow);
    }
    // every path of a concrete solve holds the flow, so the verdict takes them all
    return new Verdict(hit.kind(), hit.delivered(), paths(hit, FlowSpace.of(flow)));
  }

  private synchronized Entry lookup(long[] keys) {
    for (int i = 0; i < size; i++) {
      if (entries[i].contains(keys)) {
        return entries[i];
      }
    }
    return null;
  }

  private PathTree walk(Flow flow) {
    PathSolver.Classified c = PathSolver.solveClassified(graph, start, flow, options);
    Verdict v = c.tree().verdict(flow);
    synchronized (this) {
      entries[next] = new Entry(c.box(), c.tree().paths(), v.kind(), v.deliveredFraction());
      next = (next + 1) % entries.length;
      size = Math.min(size + 1, entries.length);
    }
    return c.tree();
  }

  /** The class's paths, each carrying {@code space} (the asked flow). */
  private static List<PathResult> paths(Entry hit, FlowSpace space) {
    List<PathResult> template = hit.paths();
    PathResult[] paths = new PathResult[template.size()];
    for (int i = 0; i < paths.length; i++) {
      PathResult p = template.get(i);
      paths[i] = new PathResult(p.delivered(), space, p.weight(), p.hops(), p.drop(), p.blockers(), p.deliveredTo(),
          p.finalRewrites());
    }
    return List.of(paths);
  }

  /** How many classes are remembered. */
  public synchronized int size() {
    return size;
  }
}
