package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NsgPosition;
import java.util.Objects;
import java.util.Optional;

/**
 * The key of one hop of an NSG chain: the chain it belongs to (a key the graph defines, e.g. "the inbound NSGs of
 * node X on the way to Y"), the NSG's position (empty: the hop of an interface with no NSG) and the direction.
 *
 * <pre>{@code
 * ElementKey chain = new NodeInbound(node, target);
 * List<Classifier> hops = NsgClassifiers.forPath(path, Direction.INBOUND, resolver, chain, target, options);
 * hops.get(0).key();    // NsgHopKey[chain=NodeInbound[...], position=Optional[SUBNET], direction=INBOUND]
 * }</pre>
 *
 * @param chain the chain's own key
 * @param position the NSG's position, or empty for the no-NSG hop
 * @param direction inbound or outbound
 */
public record NsgHopKey(ElementKey chain, Optional<NsgPosition> position, Direction direction) implements ElementKey {
  public NsgHopKey {
    Objects.requireNonNull(chain);
    Objects.requireNonNull(direction);
  }

  /** The same hop in another chain. */
  public NsgHopKey inChain(ElementKey other) {
    return new NsgHopKey(other, position, direction);
  }
}
