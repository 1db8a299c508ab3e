package io.github.aksreach.core.match;

import io.github.aksreach.core.model.FlowSpace;

/**
 * The exact symbolic interpretation of {@link MatchExpr}: the set of all flows the expression matches.
 *
 * <pre>{@code
 * FlowSpace s = SymbolicEncoder.encode(rule.match());
 * s.contains(flow) == ConcreteEvaluator.matches(rule.match(), flow);   // always
 * }</pre>
 */
public final class SymbolicEncoder implements MatchExprVisitor<FlowSpace> {
  private static final SymbolicEncoder INSTANCE = new SymbolicEncoder();

  private SymbolicEncoder() {}

  public static FlowSpace encode(MatchExpr e) {
    return e.accept(INSTANCE);
  }

  @Override
  public FlowSpace visitConst(MatchExpr.Const e) {
    return e.value() ? FlowSpace.all() : FlowSpace.empty();
  }

  @Override
  public FlowSpace visitAnd(MatchExpr.And e) {
    FlowSpace s = FlowSpace.all();
    for (MatchExpr c : e.conjuncts()) {
      s = s.intersection(c.accept(this));
      if (s.isEmpty()) {
        return s;
      }
    }
    return s;
  }

  @Override
  public FlowSpace visitOr(MatchExpr.Or e) {
    FlowSpace s = FlowSpace.empty();
    for (MatchExpr c : e.disjuncts()) {
      s = s.union(c.accept(this));
    }
    return s;
  }

  @Override
  public FlowSpace visitNot(MatchExpr.Not e) {
    return e.negated().accept(this).complement();
  }

  @Override
  public FlowSpace visitIpIn(MatchExpr.IpIn e) {
    return FlowSpace.where(e.field(), e.set());
  }

  @Override
  public FlowSpace visitPortIn(MatchExpr.PortIn e) {
    return FlowSpace.where(e.field(), e.set());
  }

  @Override
  public FlowSpace visitProtocolIn(MatchExpr.ProtocolIn e) {
    return FlowSpace.where(e.set());
  }
}
