package io.github.aksreach.core.match;

import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.ProtocolSet;
import java.util.List;

/**
 * A closed AST of header predicates: what a rule matches. Interpretations are visitors: {@link ConcreteEvaluator}
 * decides one flow, {@link SymbolicEncoder} turns an expression into the exact {@code FlowSpace} it matches.
 *
 * <pre>{@code
 * MatchExpr web = MatchExprs.and(
 *     MatchExprs.protocol(ProtocolSet.of(Protocol.TCP)),
 *     MatchExprs.ip(Field.SRC_IP, IpSet.parse("192.168.1.4").orElseThrow()),
 *     MatchExprs.port(Field.DST_PORT, PortSet.of(80)));
 * web.accept(new ConcreteEvaluator(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")));   // true
 * SymbolicEncoder.encode(web);   // the FlowSpace of all such flows
 * }</pre>
 */
public sealed interface MatchExpr
    permits MatchExpr.Const, MatchExpr.And, MatchExpr.Or, MatchExpr.Not, MatchExpr.IpIn, MatchExpr.PortIn,
    MatchExpr.ProtocolIn {

  <R> R accept(MatchExprVisitor<R> v);

  /** {@code TRUE} or {@code FALSE}. */
  record Const(boolean value) implements MatchExpr {
    @Override
    public <R> R accept(MatchExprVisitor<R> v) {
      return v.visitConst(this);
    }

    @Override
    public String toString() {
      return value ? "true" : "false";
    }
  }

  /** All conjuncts match. */
  record And(List<MatchExpr> conjuncts) implements MatchExpr {
    public And {
      conjuncts = List.copyOf(conjuncts);
    }

    @Override
    public <R> R accept(MatchExprVisitor<R> v) {
      return v.visitAnd(this);
    }
  }

  /** Some disjunct matches. */
  record Or(List<MatchExpr> disjuncts) implements MatchExpr {
    public Or {
      disjuncts = List.copyOf(disjuncts);
    }

    @Override
    public <R> R accept(MatchExprVisitor<R> v) {
      return v.visitOr(this);
    }
  }

  /** The negation. */
  record Not(MatchExpr negated) implements MatchExpr {
    @Override
    public <R> R accept(MatchExprVisitor<R> v) {
      return v.visitNot(this);
    }
  }

  /** The address field is in the set. */
  record IpIn(Field field, IpSet set) implements MatchExpr {
    public IpIn {
      if (!field.isIp()) {
        throw new IllegalArgumentException(field + " is not an address field");
      }
    }

    @Override
    public <R> R accept(MatchExprVisitor<R> v) {
      return v.visitIpIn(this);
    }
  }

  /** The port field is in the set. */
  record PortIn(Field field, PortSet set) implements MatchExpr {
    public PortIn {
      if (!field.isPort()) {
        throw new IllegalArgumentException(field + " is not a port field");
      }
    }

    @Override
    public <R> R accept(MatchExprVisitor<R> v) {
      return v.visitPortIn(this);
    }
  }

  /** The protocol is in the set. */
  record ProtocolIn(ProtocolSet set) implements MatchExpr {
    @Override
    public <R> R accept(MatchExprVisitor<R> v) {
      return v.visitProtocolIn(this);
    }
  }
}
