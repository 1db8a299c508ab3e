package io.github.aksreach.core.solver;

import java.util.List;

/**
 * The three-valued answer for one flow: ALWAYS (every weighted branch delivers), SOMETIMES (some do, with the
 * fraction), NEVER.
 *
 * <pre>{@code
 * Verdict v = tree.verdict(flow);
 * v.kind();                       // SOMETIMES
 * v.deliveredFraction();          // 1/3
 * v.paths();                      // the paths this flow takes, delivered and dropped
 * }</pre>
 *
 * @param kind ALWAYS, SOMETIMES or NEVER
 * @param deliveredFraction the summed weight of the delivered paths
 * @param paths the paths the flow takes; their weights sum to one
 */
public record Verdict(Kind kind, Weight deliveredFraction, List<PathResult> paths) {
  /** The three values. */
  public enum Kind {
    ALWAYS,
    SOMETIMES,
    NEVER;

    public static Kind of(Weight delivered) {
      return delivered.isOne() ? ALWAYS : delivered.isZero() ? NEVER : SOMETIMES;
    }
  }

  public Verdict {
    paths = List.copyOf(paths);
  }
}
