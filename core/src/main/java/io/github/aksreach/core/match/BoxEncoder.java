package io.github.aksreach.core.match;

import io.github.aksreach.core.internal.Dd;
import io.github.aksreach.core.internal.RangeSet128;
import io.github.aksreach.core.model.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Interprets a {@link MatchExpr} as a union of boxes (disjunctive normal form, one key set per field), the input of
 * the classifier's packet-classification index.
 *
 * <pre>{@code
 * List<RangeSet128[]> boxes = BoxEncoder.encode(rule.match());   // each box: RangeSet128 per Field.level()
 * }</pre>
 */
public final class BoxEncoder implements MatchExprVisitor<List<RangeSet128[]>> {
  private static final BoxEncoder INSTANCE = new BoxEncoder();
  private static final int N = Field.values().length;

  private BoxEncoder() {}

  public static List<RangeSet128[]> encode(MatchExpr e) {
    return e.accept(INSTANCE);
  }

  private static RangeSet128[] full() {
    RangeSet128[] b = new RangeSet128[N];
    for (int f = 0; f < N; f++) {
      b[f] = Dd.fullRange(f);
    }
    return b;
  }

  private static List<RangeSet128[]> single(Field f, RangeSet128 s) {
    RangeSet128[] b = full();
    b[f.level()] = s.intersection(Dd.fullRange(f.level()));
    return b[f.level()].isEmpty() ? List.of() : List.<RangeSet128[]>of(b);
  }

  private static List<RangeSet128[]> and(List<RangeSet128[]> xs, List<RangeSet128[]> ys) {
    List<RangeSet128[]> out = new ArrayList<>();
    for (RangeSet128[] x : xs) {
      next:
      for (RangeSet128[] y : ys) {
        RangeSet128[] z = new RangeSet128[N];
        for (int f = 0; f < N; f++) {
          // every component is within its field's domain, so the shared full range is the identity here
          RangeSet128 full = Dd.fullRange(f);
          z[f] = x[f] == full || x[f] == y[f] ? y[f] : y[f] == full ? x[f] : x[f].intersection(y[f]);
          if (z[f].isEmpty()) {
            continue next;
          }
        }
        out.add(z);
      }
    }
    return out;
  }

  @Override
  public List<RangeSet128[]> visitConst(MatchExpr.Const e) {
    return e.value() ? List.<RangeSet128[]>of(full()) : List.of();
  }

  @Override
  public List<RangeSet128[]> visitAnd(MatchExpr.And e) {
    List<RangeSet128[]> acc = List.<RangeSet128[]>of(full());
    for (MatchExpr c : e.conjuncts()) {
      acc = and(acc, c.accept(this));
      if (acc.isEmpty()) {
        return acc;
      }
    }
    return acc;
  }

  @Override
  public List<RangeSet128[]> visitOr(MatchExpr.Or e) {
    List<RangeSet128[]> out = new ArrayList<>();
    for (MatchExpr c : e.disjuncts()) {
      out.addAll(c.accept(this));
    }
    return out;
  }

  @Override
  public List<RangeSet128[]> visitNot(MatchExpr.Not e) {
    List<RangeSet128[]> acc = List.<RangeSet128[]>of(full());
    for (RangeSet128[] box : e.negated().accept(this)) {
      List<RangeSet128[]> notBox = new ArrayList<>();
      for (int f = 0; f < N; f++) {
        RangeSet128 c = Dd.fullRange(f).difference(box[f]);
        if (!c.isEmpty()) {
          RangeSet128[] b = full();
          b[f] = c;
          notBox.add(b);
        }
      }
      acc = and(acc, notBox);
    }
    return acc;
  }

  @Override
  public List<RangeSet128[]> visitIpIn(MatchExpr.IpIn e) {
    return single(e.field(), e.set().ranges());
  }

  @Override
  public List<RangeSet128[]> visitPortIn(MatchExpr.PortIn e) {
    return single(e.field(), e.set().rangeSet());
  }

  @Override
  public List<RangeSet128[]> visitProtocolIn(MatchExpr.ProtocolIn e) {
    return single(Field.PROTOCOL, e.set().rangeSet());
  }
}
