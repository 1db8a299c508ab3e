package io.github.aksreach.k8s.trace;

import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.Origin;

/**
 * The one door to a hop's text: what a user calls a hop, what it decided and why a path was dropped, rendered from
 * the hop's typed values. Features decide on the values ({@code origin()}, {@code action()}, {@code rule()},
 * {@code kind()}); they call these only to put words in a message. An architecture test holds that no class outside
 * the renderers reads hop text any other way.
 *
 * <pre>{@code
 * String where = Describe.label(drop.origin());   // "nsg-user (subnet user)"
 * String why = Describe.reason(drop);             // "denied by nsg-user rule DenyAllCustom (4000)"
 * }</pre>
 */
public final class Describe {
  private Describe() {}

  /** What a user calls the hop. */
  public static String label(Origin origin) {
    return origin.label();
  }

  /** What the hop decided, in words. */
  public static String decision(Hop hop) {
    return hop.decision();
  }

  /** Why the path was dropped, in words. */
  public static String reason(DropInfo drop) {
    return drop.reason();
  }
}
