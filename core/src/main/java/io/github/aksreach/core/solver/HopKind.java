package io.github.aksreach.core.solver;

/**
 * The category of a hop and of a drop ("NSG", "LOAD_BALANCER", "KUBE_PROXY", ...): model modules define them as enums
 * implementing this interface, and users compare them by value ({@code drop.kind() == AksHopKind.NSG}), never by
 * their text.
 *
 * <pre>{@code
 * enum Firewall implements HopKind { FIREWALL }
 * Outcome.drop(Firewall.FIREWALL, "denied");
 * HopKind.named("FILTER");     // a kind for a hand-built graph
 * }</pre>
 */
public interface HopKind {
  /** The solver's own kind: a path longer than {@link SolveOptions#maxHops()}. */
  HopKind LOOP = named("LOOP");

  /** The kind's name, as JSON output and reports print it. */
  String name();

  /** A kind that is just a name: for hand-built graphs and tests. */
  static HopKind named(String name) {
    return new Named(name);
  }

  /**
   * A kind that is a name.
   *
   * @param name the name
   */
  record Named(String name) implements HopKind {
    public Named {
      java.util.Objects.requireNonNull(name);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
