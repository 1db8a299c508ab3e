package io.github.aksreach.k8s.oracle;

import io.github.aksreach.core.model.Flow;
import java.util.List;
import java.util.OptionalInt;

/**
 * One weighted leaf of the oracle's enumeration: delivered (with the header as the receiver saw it) or dropped (with
 * the drop kind and, for an application refusal, its status).
 *
 * <pre>{@code
 * OracleLeaf l = answer.leaves().get(0);
 * l.key();     // DELIVERED 10.0.1.4 -> 10.244.1.10:8080, or DROPPED NSG
 * l.trail();   // the oracle's steps, in words
 * }</pre>
 *
 * @param weight the product of the branch weights on the way
 * @param delivered whether the flow arrived
 * @param seen the header as the last step saw it (after every DNAT and SNAT)
 * @param dropKind the drop kind (NSG, LOAD_BALANCER, KUBE_PROXY, NO_ROUTE, POD, NETWORK_POLICY, INGRESS), or ""
 * @param status the HTTP status of an application refusal (403, 404, 503), if any
 * @param trail what happened, step by step
 */
public record OracleLeaf(Fraction weight, boolean delivered, Flow seen, String dropKind, OptionalInt status,
                         List<String> trail) {
  public OracleLeaf {
    trail = List.copyOf(trail);
  }

  /** What the comparison keys on: the receiver's view of the header, or the drop kind and status. */
  public LeafKey key() {
    return LeafKey.of(delivered, seen, dropKind, status);
  }
}
