package io.github.aksreach.core.solver;

import io.github.aksreach.core.model.FlowSpace;
import java.util.List;
import java.util.Optional;

/**
 * One leaf of the path tree: the flows (as the client sent them) that took this path, its probability, every hop,
 * and whether it delivered or where it was dropped.
 *
 * <pre>{@code
 * for (PathResult p : tree.paths()) {
 *   if (p.delivered()) System.out.println(p.weight() + " delivered to " + p.deliveredTo().get().label());
 *   else System.out.println(p.weight() + " dropped: " + p.drop().get().reason());
 * }
 * }</pre>
 *
 * @param delivered whether the path reached a sink (and had no blocker in explain mode)
 * @param space the original flows that took this path
 * @param weight the product of the branch weights along the path
 * @param hops every hop, in order
 * @param drop the drop that ended the path (in explain mode: the first blocker)
 * @param blockers in explain mode, every hop that would have dropped the path
 * @param deliveredTo where the sink comes from (the pod, the server), if delivered
 * @param finalRewrites the assignments in force at the end of the path
 */
public record PathResult(boolean delivered, FlowSpace space, Weight weight, List<Hop> hops, Optional<DropInfo> drop,
                         List<DropInfo> blockers, Optional<Origin> deliveredTo, List<Assign> finalRewrites) {
  public PathResult {
    hops = List.copyOf(hops);
    blockers = List.copyOf(blockers);
    finalRewrites = List.copyOf(finalRewrites);
  }
}
