package io.github.aksreach.k8s.hops;

import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.trace.PodRef;
import java.util.Optional;

/**
 * What a hop family asks of the graph it is part of: the network, the request, and the keys of the elements other
 * families own. The assembler implements it; families never call each other.
 *
 * <pre>{@code
 * ElementKey entry = hops.nodeIn(node, new AksKey.Host(node.name()));   // inbound NSGs, then kube-proxy
 * ElementKey out = hops.egressOf(pod, target);                          // the pod's egress rules first
 * }</pre>
 */
public interface Hops {
  /** The cluster on its network. */
  AksNetwork network();

  /** What the flows carry above layer 4. */
  L7 l7();

  /** The element with this key, built on first use. */
  Element hop(ElementKey key);

  /** Adds an element made as a side effect (an endpoint with no pod); the first one made under a key stays. */
  void register(Element e);

  /** The entry of {@code node}'s inbound NSGs (subnet, then NIC), continuing to {@code target}. */
  ElementKey nodeIn(Node node, ElementKey target);

  /** The entry of {@code node}'s outbound NSGs (NIC, then subnet), continuing to {@code target}. */
  ElementKey nodeOut(Node node, ElementKey target);

  /** {@code pod}'s NetworkPolicy egress rules (its group's, when it isolates a group), continuing to {@code target}. */
  ElementKey egressOf(Pod pod, ElementKey target);

  /** Where a node's or pod's own flow to a non-Service destination starts when it leaves {@code node}. */
  ElementKey leaveOf(Node node);

  /** The pod a key names. */
  Pod pod(PodRef ref);

  /** The node a key names. */
  Node node(String name);

  /** The pod whose egress rules the mode carries, if any. */
  default Optional<Pod> egressPod(AksKey.Mode mode) {
    return mode.egressPod().map(this::pod);
  }
}
