package io.github.aksreach.core.match;

/**
 * An interpretation of {@link MatchExpr}.
 *
 * <pre>{@code
 * int depth = expr.accept(new MatchExprVisitor<Integer>() { ... });
 * }</pre>
 *
 * @param <R> the result of interpreting one expression
 */
public interface MatchExprVisitor<R> {
  R visitConst(MatchExpr.Const e);

  R visitAnd(MatchExpr.And e);

  R visitOr(MatchExpr.Or e);

  R visitNot(MatchExpr.Not e);

  R visitIpIn(MatchExpr.IpIn e);

  R visitPortIn(MatchExpr.PortIn e);

  R visitProtocolIn(MatchExpr.ProtocolIn e);
}
