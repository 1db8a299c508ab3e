package io.github.aksreach.core.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * {@link Dd#apply}: the pointwise combination of two diagrams, memoized per pair of nodes, merging the two nodes'
 * segment boundaries at each level.
 *
 * <pre>{@code
 * Dd sum = new DdApply((x, y) -> ((Weight) x).plus((Weight) y)).go(a, b);
 * }</pre>
 */
final class DdApply {
  private final BinaryOperator<Object> op;
  private final Map<Pair, Dd> memo = new HashMap<>();

  DdApply(BinaryOperator<Object> op) {
    this.op = op;
  }

  Dd go(Dd a, Dd b) {
    if (a.isLeaf() && b.isLeaf()) {
      return Dd.leaf(op.apply(((Dd.Leaf) a).value, ((Dd.Leaf) b).value));
    }
    Pair key = new Pair(a, b);
    Dd cached = memo.get(key);
    if (cached != null) {
      return cached;
    }
    int level = Math.min(a.level(), b.level());
    Dd.Node na = a.level() == level ? (Dd.Node) a : null;
    Dd.Node nb = b.level() == level ? (Dd.Node) b : null;
    int ca = na == null ? 1 : na.children.length;
    int cb = nb == null ? 1 : nb.children.length;
    long[] starts = new long[2 * (ca + cb)];
    Dd[] ch = new Dd[ca + cb];
    int n = 0;
    int i = 0;
    int j = 0;
    long curHi = 0;
    long curLo = 0;
    while (true) {
      Dd x = na == null ? a : na.children[i];
      Dd y = nb == null ? b : nb.children[j];
      starts[2 * n] = curHi;
      starts[2 * n + 1] = curLo;
      ch[n++] = go(x, y);
      boolean moreA = i + 1 < ca;
      boolean moreB = j + 1 < cb;
      if (!moreA && !moreB) {
        break;
      }
      int c;
      if (!moreA) {
        c = 1;
      } else if (!moreB) {
        c = -1;
      } else {
        c = U128.compare(na.starts[2 * i + 2], na.starts[2 * i + 3], nb.starts[2 * j + 2], nb.starts[2 * j + 3]);
      }
      if (c <= 0) {
        curHi = na.starts[2 * i + 2];
        curLo = na.starts[2 * i + 3];
        i++;
      }
      if (c >= 0) {
        curHi = nb.starts[2 * j + 2];
        curLo = nb.starts[2 * j + 3];
        j++;
      }
    }
    Dd r = Dd.mk(level, starts, n, ch);
    memo.put(key, r);
    return r;
  }
}

/** A pair of diagrams, the memo's key. */
record Pair(Dd a, Dd b) {}
