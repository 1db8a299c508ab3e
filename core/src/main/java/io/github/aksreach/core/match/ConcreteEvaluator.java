package io.github.aksreach.core.match;

import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;

/**
 * The reference semantics of {@link MatchExpr}: does one flow match?
 *
 * <pre>{@code
 * boolean hit = rule.match().accept(new ConcreteEvaluator(flow));
 * }</pre>
 */
public final class ConcreteEvaluator implements MatchExprVisitor<Boolean> {
  private final Flow flow;

  public ConcreteEvaluator(Flow flow) {
    this.flow = flow;
  }

  public static boolean matches(MatchExpr e, Flow f) {
    return e.accept(new ConcreteEvaluator(f));
  }

  @Override
  public Boolean visitConst(MatchExpr.Const e) {
    return e.value();
  }

  @Override
  public Boolean visitAnd(MatchExpr.And e) {
    for (MatchExpr c : e.conjuncts()) {
      if (!c.accept(this)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Boolean visitOr(MatchExpr.Or e) {
    for (MatchExpr c : e.disjuncts()) {
      if (c.accept(this)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Boolean visitNot(MatchExpr.Not e) {
    return !e.negated().accept(this);
  }

  @Override
  public Boolean visitIpIn(MatchExpr.IpIn e) {
    return e.set().contains(e.field() == Field.SRC_IP ? flow.srcIp() : flow.dstIp());
  }

  @Override
  public Boolean visitPortIn(MatchExpr.PortIn e) {
    return e.set().contains(e.field() == Field.SRC_PORT ? flow.srcPort() : flow.dstPort());
  }

  @Override
  public Boolean visitProtocolIn(MatchExpr.ProtocolIn e) {
    return e.set().contains(flow.protocol());
  }
}
