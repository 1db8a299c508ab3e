package io.github.aksreach.k8s.oracle;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * What the comparison keys a leaf on: delivered with the source and destination the receiver saw, or dropped with
 * the drop kind and status.
 *
 * <pre>{@code
 * LeafKey.of(true, seenFlow, "", OptionalInt.empty());   // DELIVERED 10.0.1.4 -> 10.244.1.10:8080
 * key.withNodeSources(net::isNodeAddress);                // DELIVERED (a node) -> 10.244.1.10:8080
 * }</pre>
 *
 * @param delivered whether the leaf delivered
 * @param src the source the receiver saw (empty: some node of the cluster, see {@link #withNodeSources})
 * @param dst the destination address the receiver saw (empty for a drop)
 * @param port the destination port the receiver saw (0 for a drop)
 * @param dropKind the drop kind, or ""
 * @param status an application refusal's status
 */
public record LeafKey(boolean delivered, Optional<IpAddress> src, Optional<IpAddress> dst, int port, String dropKind,
                      OptionalInt status) implements Comparable<LeafKey> {
  public static LeafKey of(boolean delivered, Flow seen, String dropKind, OptionalInt status) {
    if (delivered) {
      return new LeafKey(true, Optional.of(seen.srcIp()), Optional.of(seen.dstIp()), seen.dstPort(), "",
          OptionalInt.empty());
    }
    return new LeafKey(false, Optional.empty(), Optional.empty(), 0, dropKind, status);
  }

  /** This key with a source that {@code isNode} accepts replaced by "some node". */
  public LeafKey withNodeSources(Predicate<IpAddress> isNode) {
    return src.isPresent() && isNode.test(src.get())
        ? new LeafKey(delivered, Optional.empty(), dst, port, dropKind, status) : this;
  }

  @Override
  public int compareTo(LeafKey o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    if (delivered) {
      return "DELIVERED " + src.map(Object::toString).orElse("(a node)") + " -> " + dst.orElseThrow() + ":" + port;
    }
    return "DROPPED " + dropKind + (status.isPresent() ? " " + status.getAsInt() : "");
  }
}
