package io.github.aksreach.core.match;

import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.ProtocolSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Smart constructors for {@link MatchExpr}; they fold only constant-time trivia (TRUE, FALSE, singletons).
 *
 * <pre>{@code
 * MatchExprs.and(MatchExprs.TRUE, e);      // e
 * MatchExprs.or();                          // FALSE
 * MatchExprs.ip(Field.SRC_IP, IpSet.all()); // TRUE
 * }</pre>
 */
public final class MatchExprs {
  public static final MatchExpr TRUE = new MatchExpr.Const(true);
  public static final MatchExpr FALSE = new MatchExpr.Const(false);

  private MatchExprs() {}

  public static MatchExpr and(MatchExpr... es) {
    return and(List.of(es));
  }

  public static MatchExpr and(List<MatchExpr> es) {
    List<MatchExpr> keep = new ArrayList<>();
    for (MatchExpr e : es) {
      if (e.equals(FALSE)) {
        return FALSE;
      }
      if (!e.equals(TRUE)) {
        keep.add(e);
      }
    }
    return keep.isEmpty() ? TRUE : keep.size() == 1 ? keep.get(0) : new MatchExpr.And(keep);
  }

  public static MatchExpr or(MatchExpr... es) {
    return or(List.of(es));
  }

  public static MatchExpr or(List<MatchExpr> es) {
    List<MatchExpr> keep = new ArrayList<>();
    for (MatchExpr e : es) {
      if (e.equals(TRUE)) {
        return TRUE;
      }
      if (!e.equals(FALSE)) {
        keep.add(e);
      }
    }
    return keep.isEmpty() ? FALSE : keep.size() == 1 ? keep.get(0) : new MatchExpr.Or(keep);
  }

  public static MatchExpr not(MatchExpr e) {
    if (e.equals(TRUE)) {
      return FALSE;
    }
    if (e.equals(FALSE)) {
      return TRUE;
    }
    if (e instanceof MatchExpr.Not) {
      return ((MatchExpr.Not) e).negated();
    }
    return new MatchExpr.Not(e);
  }

  public static MatchExpr ip(Field f, IpSet s) {
    return s.equals(IpSet.all()) ? TRUE : s.isEmpty() ? FALSE : new MatchExpr.IpIn(f, s);
  }

  public static MatchExpr port(Field f, PortSet s) {
    return s.equals(PortSet.all()) ? TRUE : s.isEmpty() ? FALSE : new MatchExpr.PortIn(f, s);
  }

  public static MatchExpr protocol(ProtocolSet s) {
    return s.equals(ProtocolSet.any()) ? TRUE : s.isEmpty() ? FALSE : new MatchExpr.ProtocolIn(s);
  }
}
