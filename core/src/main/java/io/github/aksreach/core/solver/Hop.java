package io.github.aksreach.core.solver;

import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * One hop of a path: the element, where it comes from (typed), what it did and by which rule, and the rewrites in
 * force when the flow reached it, so the header as this hop saw it can be shown.
 *
 * <pre>{@code
 * for (Hop h : path.hops()) {
 *   Flow seen = h.seen(flow);   // e.g. src 10.244.2.1 after kube-proxy's SNAT on the ingress node
 *   if (h.origin() instanceof NsgOrigin n && h.action() == Action.DENIED) {
 *     System.out.println(n.nsgName() + " denied " + seen + " by " + h.rule().orElseThrow().name());
 *   }
 * }
 * }</pre>
 *
 * @param element the element's key
 * @param origin where the element comes from
 * @param action what the hop did
 * @param decision what it decided, in words (for renderers only: decide on {@code action}, {@code origin} and
 *     {@code rule})
 * @param rule the deciding rule, where a rule decided
 * @param rewrites the assignments in force when the flow reached this hop (before this hop's own rewrites)
 */
public record Hop(ElementKey element, Origin origin, Action action, String decision, Optional<RuleRef> rule,
                  List<Assign> rewrites) {
  public Hop {
    rewrites = List.copyOf(rewrites);
  }

  /** The hop's category. */
  public HopKind kind() {
    return origin.kind();
  }

  /** What a user calls the hop, rendered from its origin (for renderers only). */
  public String label() {
    return origin.label();
  }

  /** The header of {@code original} (what the client sent) as this hop saw it. */
  public Flow seen(Flow original) {
    return apply(original, rewrites);
  }

  /** {@code f} with the assignments applied in order. */
  public static Flow apply(Flow f, List<Assign> assigns) {
    if (assigns.isEmpty()) {
      return f;   // most hops rewrite nothing: no iterator per call
    }
    Flow out = f;
    for (Assign a : assigns) {
      if (a.field() == Field.SRC_IP) {
        out = out.withSrc(IpAddress.ofKey(a.hi(), a.lo()), out.srcPort());
      } else if (a.field() == Field.DST_IP) {
        out = out.withDst(IpAddress.ofKey(a.hi(), a.lo()), out.dstPort());
      } else if (a.field() == Field.SRC_PORT) {
        out = out.withSrc(out.srcIp(), (int) a.lo());
      } else if (a.field() == Field.DST_PORT) {
        out = out.withDst(out.dstIp(), (int) a.lo());
      } else {
        throw new IllegalArgumentException("cannot rewrite " + a.field());
      }
    }
    return out;
  }
}
