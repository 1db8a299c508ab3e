package io.github.aksreach.core.solver;

/**
 * Where a hop comes from, as typed values: the model module that owns the concept defines a record per family (an
 * NSG on a subnet or NIC in a direction, a load-balancing rule, a kube-proxy chain on a node, a pod's
 * NetworkPolicies, an L7 proxy's routing). Features read these values; {@link #label()} is their rendering for
 * people and is read only by renderers.
 *
 * <pre>{@code
 * if (hop.origin() instanceof NsgOrigin n && n.direction() == Direction.INBOUND) {
 *   openings.add(n.nsgName());
 * }
 * Origin.of(HopKind.named("FILTER"), "firewall");     // an origin for a hand-built graph
 * }</pre>
 */
public interface Origin {
  /** The hop's category. */
  HopKind kind();

  /** What a user calls this hop ("nsg-user (subnet user)"), rendered from the values; for renderers only. */
  String label();

  /** An origin that is only a kind and a label: for hand-built graphs and tests. */
  static Origin of(HopKind kind, String label) {
    return new Described(kind, label);
  }

  /**
   * An origin that is only a kind and a label.
   *
   * @param kind the hop's category
   * @param label what a user calls the hop
   */
  record Described(HopKind kind, String label) implements Origin {
    public Described {
      java.util.Objects.requireNonNull(kind);
      java.util.Objects.requireNonNull(label);
    }
  }
}
