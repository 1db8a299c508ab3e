package io.github.aksreach.core.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A canonical set of unsigned 128-bit keys: sorted, disjoint, non-adjacent closed ranges (so {@code equals} is set
 * equality). Every operation is a linear merge; building from unsorted ranges sorts once (O(n log n)).
 *
 * <p>Layout: {@code r[4i..4i+3] = startHi, startLo, endHi, endLo}. Instances are immutable; arrays never escape.
 */
public final class RangeSet128 {
  public static final RangeSet128 EMPTY = new RangeSet128(new long[0]);
  private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final long[] r;
  private int hash;

  private RangeSet128(long[] r) {
    this.r = r;
  }

  public static RangeSet128 range(long sHi, long sLo, long eHi, long eLo) {
    if (U128.compare(sHi, sLo, eHi, eLo) > 0) {
      return EMPTY;
    }
    return new RangeSet128(new long[] {sHi, sLo, eHi, eLo});
  }

  public static RangeSet128 range(long start, long end) {
    return range(0, start, 0, end);
  }

  /** Builds a canonical set from arbitrary (possibly overlapping, unsorted) ranges given as 4-long groups. */
  public static RangeSet128 ofUnsorted(long[] groups) {
    int n = groups.length / 4;
    if (n == 0) {
      return EMPTY;
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> U128.compare(groups[4 * x], groups[4 * x + 1], groups[4 * y], groups[4 * y + 1]));
    Builder b = new Builder(n);
    for (int i : idx) {
      b.add(groups[4 * i], groups[4 * i + 1], groups[4 * i + 2], groups[4 * i + 3]);
    }
    return b.build();
  }

  public int size() {
    return r.length / 4;
  }

  public boolean isEmpty() {
    return r.length == 0;
  }

  public long startHi(int i) {
    return r[4 * i];
  }

  public long startLo(int i) {
    return r[4 * i + 1];
  }

  public long endHi(int i) {
    return r[4 * i + 2];
  }

  public long endLo(int i) {
    return r[4 * i + 3];
  }

  public boolean contains(long hi, long lo) {
    int a = 0;
    int b = size() - 1;
    while (a <= b) {
      int m = (a + b) >>> 1;
      if (U128.compare(hi, lo, startHi(m), startLo(m)) < 0) {
        b = m - 1;
      } else if (U128.compare(hi, lo, endHi(m), endLo(m)) > 0) {
        a = m + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  public RangeSet128 union(RangeSet128 o) {
    if (o.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return o;
    }
    Builder b = new Builder(size() + o.size());
    int i = 0;
    int j = 0;
    while (i < size() || j < o.size()) {
      boolean takeMine = j >= o.size()
          || (i < size() && U128.compare(startHi(i), startLo(i), o.startHi(j), o.startLo(j)) <= 0);
      if (takeMine) {
        b.add(startHi(i), startLo(i), endHi(i), endLo(i));
        i++;
      } else {
        b.add(o.startHi(j), o.startLo(j), o.endHi(j), o.endLo(j));
        j++;
      }
    }
    return b.build();
  }

  public RangeSet128 intersection(RangeSet128 o) {
    if (isEmpty() || o.isEmpty()) {
      return EMPTY;
    }
    Builder b = new Builder(Math.max(size(), o.size()));
    int i = 0;
    int j = 0;
    while (i < size() && j < o.size()) {
      long sHi;
      long sLo;
      if (U128.compare(startHi(i), startLo(i), o.startHi(j), o.startLo(j)) >= 0) {
        sHi = startHi(i);
        sLo = startLo(i);
      } else {
        sHi = o.startHi(j);
        sLo = o.startLo(j);
      }
      boolean mineEndsFirst = U128.compare(endHi(i), endLo(i), o.endHi(j), o.endLo(j)) <= 0;
      long eHi = mineEndsFirst ? endHi(i) : o.endHi(j);
      long eLo = mineEndsFirst ? endLo(i) : o.endLo(j);
      if (U128.compare(sHi, sLo, eHi, eLo) <= 0) {
        b.add(sHi, sLo, eHi, eLo);
      }
      if (mineEndsFirst) {
        i++;
      } else {
        j++;
      }
    }
    return b.build();
  }

  /** The keys of {@code [minHi:minLo, maxHi:maxLo]} not in this set. */
  public RangeSet128 complement(long minHi, long minLo, long maxHi, long maxLo) {
    Builder b = new Builder(size() + 1);
    long curHi = minHi;
    long curLo = minLo;
    boolean exhausted = false;
    for (int i = 0; i < size() && !exhausted; i++) {
      if (U128.compare(endHi(i), endLo(i), curHi, curLo) < 0) {
        continue;
      }
      if (U128.compare(startHi(i), startLo(i), maxHi, maxLo) > 0) {
        break;
      }
      if (U128.compare(startHi(i), startLo(i), curHi, curLo) > 0) {
        long gHi = U128.decHi(startHi(i), startLo(i));
        long gLo = U128.decLo(startLo(i));
        b.add(curHi, curLo, gHi, gLo);
      }
      if (U128.compare(endHi(i), endLo(i), maxHi, maxLo) >= 0) {
        exhausted = true;
      } else {
        curHi = U128.incHi(endHi(i), endLo(i));
        curLo = U128.incLo(endLo(i));
      }
    }
    if (!exhausted) {
      b.add(curHi, curLo, maxHi, maxLo);
    }
    return b.build();
  }

  public RangeSet128 difference(RangeSet128 o) {
    if (isEmpty() || o.isEmpty()) {
      return this;
    }
    return intersection(o.complement(0, 0, -1L, -1L));
  }

  /** Splits every range into maximal aligned power-of-two blocks; returns (start, prefixLength within 128 bits). */
  public List<BigInteger[]> toBlocks() {
    List<BigInteger[]> out = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      BigInteger s = toBig(startHi(i), startLo(i));
      BigInteger e = toBig(endHi(i), endLo(i));
      while (s.compareTo(e) <= 0) {
        int align = s.signum() == 0 ? 128 : s.getLowestSetBit();
        int span = e.subtract(s).add(BigInteger.ONE).bitLength() - 1;
        int k = Math.min(align, span);
        out.add(new BigInteger[] {s, BigInteger.valueOf(128 - k)});
        s = s.add(BigInteger.ONE.shiftLeft(k));
      }
    }
    return out;
  }

  public static BigInteger toBig(long hi, long lo) {
    return BigInteger.valueOf(hi).and(MASK64).shiftLeft(64).or(BigInteger.valueOf(lo).and(MASK64));
  }

  /** Sum of range sizes, as an exact big integer. */
  public BigInteger cardinality() {
    BigInteger c = BigInteger.ZERO;
    for (int i = 0; i < size(); i++) {
      c = c.add(toBig(endHi(i), endLo(i)).subtract(toBig(startHi(i), startLo(i)))).add(BigInteger.ONE);
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RangeSet128 && Arrays.equals(r, ((RangeSet128) o).r);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(r) | 1;
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(toBig(startHi(i), startLo(i))).append('-').append(toBig(endHi(i), endLo(i)));
    }
    return sb.append(']').toString();
  }

  /** Appends ranges in ascending start order, coalescing overlaps and adjacency. */
  public static final class Builder {
    private long[] buf;
    private int n;

    public Builder(int expected) {
      buf = new long[Math.max(4, expected * 4)];
    }

    public void add(long sHi, long sLo, long eHi, long eLo) {
      if (n > 0) {
        long lastEHi = buf[n - 2];
        long lastELo = buf[n - 1];
        boolean touches = U128.isMax(lastEHi, lastELo)
            || U128.compare(sHi, sLo, U128.incHi(lastEHi, lastELo), U128.incLo(lastELo)) <= 0;
        if (touches) {
          if (U128.compare(eHi, eLo, lastEHi, lastELo) > 0) {
            buf[n - 2] = eHi;
            buf[n - 1] = eLo;
          }
          return;
        }
      }
      if (n + 4 > buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      buf[n++] = sHi;
      buf[n++] = sLo;
      buf[n++] = eHi;
      buf[n++] = eLo;
    }

    public RangeSet128 build() {
      return n == 0 ? EMPTY : new RangeSet128(Arrays.copyOf(buf, n));
    }
  }
}
