package io.github.aksreach.core.solver;

/**
 * How the solver walks.
 *
 * <pre>{@code
 * PathSolver.solve(graph, start, flow, SolveOptions.explaining());   // continue past denies, list every blocker
 * }</pre>
 *
 * @param explainAll continue past every drop that names where the flow would have gone, collecting blockers
 * @param maxHops a path longer than this is dropped as a loop
 */
public record SolveOptions(boolean explainAll, int maxHops) {
  public static SolveOptions defaults() {
    return new SolveOptions(false, 64);
  }

  public static SolveOptions explaining() {
    return new SolveOptions(true, 64);
  }
}
