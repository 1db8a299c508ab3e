package io.github.aksreach.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A packet-classification index for first-match rule lists (the bit-vector scheme of Lakshman and Stiliadis): every
 * rule is a union of boxes (one key set per field); each field's key space is cut into elementary intervals, each
 * holding the bit set of boxes that accept it. Deciding a point is one binary search per field and an AND of bit
 * sets; the first bit left is the first matching box, hence the first matching rule.
 *
 * <pre>{@code
 * BoxIndex idx = BoxIndex.build(boxesPerRule, 5);
 * int rule = idx.firstMatch(keys);   // -1 when no rule matches
 * }</pre>
 */
public final class BoxIndex {
  private final int fields;
  private final int[] boxRule;
  private final int words;
  private final long[][] startHi;
  private final long[][] startLo;
  private final long[][][] bits; // [field][interval][word]

  private BoxIndex(int fields, int[] boxRule, long[][] startHi, long[][] startLo, long[][][] bits) {
    this.fields = fields;
    this.boxRule = boxRule;
    this.words = (boxRule.length + 63) / 64;
    this.startHi = startHi;
    this.startLo = startLo;
    this.bits = bits;
  }

  /**
   * Builds the index.
   *
   * @param rules for each rule in priority order, its boxes; a box is one key set per field
   * @param fields number of fields
   */
  public static BoxIndex build(List<List<RangeSet128[]>> rules, int fields) {
    List<RangeSet128[]> boxes = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      for (RangeSet128[] b : rules.get(r)) {
        boxes.add(b);
        owner.add(r);
      }
    }
    int n = boxes.size();
    int words = Math.max(1, (n + 63) / 64);
    long[][] sHi = new long[fields][];
    long[][] sLo = new long[fields][];
    long[][][] bits = new long[fields][][];
    for (int f = 0; f < fields; f++) {
      // boundaries: 0, every range start, every range end + 1
      long[] pts = new long[2 + 4 * countRanges(boxes, f)];
      int k = 0;
      pts[k++] = 0;
      pts[k++] = 0;
      for (RangeSet128[] b : boxes) {
        RangeSet128 s = b[f];
        for (int i = 0; i < s.size(); i++) {
          pts[k++] = s.startHi(i);
          pts[k++] = s.startLo(i);
          if (!U128.isMax(s.endHi(i), s.endLo(i))) {
            pts[k++] = U128.incHi(s.endHi(i), s.endLo(i));
            pts[k++] = U128.incLo(s.endLo(i));
          }
        }
      }
      Integer[] order = new Integer[k / 2];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      final long[] p = pts;
      Arrays.sort(order, (x, y) -> U128.compare(p[2 * x], p[2 * x + 1], p[2 * y], p[2 * y + 1]));
      long[] hi = new long[order.length];
      long[] lo = new long[order.length];
      int m = 0;
      for (int idx : order) {
        if (m > 0 && hi[m - 1] == p[2 * idx] && lo[m - 1] == p[2 * idx + 1]) {
          continue;
        }
        hi[m] = p[2 * idx];
        lo[m] = p[2 * idx + 1];
        m++;
      }
      sHi[f] = Arrays.copyOf(hi, m);
      sLo[f] = Arrays.copyOf(lo, m);
      long[][] fb = new long[m][words];
      for (int bi = 0; bi < n; bi++) {
        RangeSet128 s = boxes.get(bi)[f];
        for (int i = 0; i < s.size(); i++) {
          int from = find(sHi[f], sLo[f], s.startHi(i), s.startLo(i));
          int to = find(sHi[f], sLo[f], s.endHi(i), s.endLo(i));
          for (int iv = from; iv <= to; iv++) {
            fb[iv][bi >>> 6] |= 1L << (bi & 63);
          }
        }
      }
      bits[f] = fb;
    }
    int[] boxRule = new int[n];
    for (int i = 0; i < n; i++) {
      boxRule[i] = owner.get(i);
    }
    return new BoxIndex(fields, boxRule, sHi, sLo, bits);
  }

  private static int countRanges(List<RangeSet128[]> boxes, int f) {
    int c = 0;
    for (RangeSet128[] b : boxes) {
      c += b[f].size();
    }
    return c;
  }

  private static int find(long[] hi, long[] lo, long kHi, long kLo) {
    int a = 0;
    int b = hi.length - 1;
    while (a < b) {
      int mid = (a + b + 1) >>> 1;
      if (U128.compare(hi[mid], lo[mid], kHi, kLo) <= 0) {
        a = mid;
      } else {
        b = mid - 1;
      }
    }
    return a;
  }

  /**
   * Narrows {@code box} to the cell of {@code keys}: every point of that cell gets the same answer from
   * {@link #firstMatch}. {@code box} holds, per field, the inclusive bounds (loHi, loLo, hiHi, hiLo); fields whose
   * bit is set in {@code skip} are left alone.
   */
  public void narrow(long[] keys, long[] box, int skip) {
    for (int f = 0; f < fields; f++) {
      if ((skip & (1 << f)) != 0) {
        continue;
      }
      long[] hi = startHi[f];
      long[] lo = startLo[f];
      int i = find(hi, lo, keys[2 * f], keys[2 * f + 1]);
      int b = 4 * f;
      if (U128.compare(hi[i], lo[i], box[b], box[b + 1]) > 0) {
        box[b] = hi[i];
        box[b + 1] = lo[i];
      }
      if (i + 1 < hi.length) {
        long endHi = U128.decHi(hi[i + 1], lo[i + 1]);
        long endLo = U128.decLo(lo[i + 1]);
        if (U128.compare(endHi, endLo, box[b + 2], box[b + 3]) < 0) {
          box[b + 2] = endHi;
          box[b + 3] = endLo;
        }
      }
    }
  }

  /** The first rule matching the point ({@code keys}: hi, lo per field), or -1. */
  public int firstMatch(long[] keys) {
    if (boxRule.length == 0) {
      return -1;
    }
    if (words == 1) {
      long x = -1L;
      for (int f = 0; f < fields && x != 0; f++) {
        x &= bits[f][find(startHi[f], startLo[f], keys[2 * f], keys[2 * f + 1])][0];
      }
      return x == 0 ? -1 : boxRule[Long.numberOfTrailingZeros(x)];
    }
    long[][] rows = new long[fields][];
    for (int f = 0; f < fields; f++) {
      rows[f] = bits[f][find(startHi[f], startLo[f], keys[2 * f], keys[2 * f + 1])];
    }
    for (int w = 0; w < words; w++) {
      long x = rows[0][w];
      for (int f = 1; f < fields && x != 0; f++) {
        x &= rows[f][w];
      }
      if (x != 0) {
        return boxRule[(w << 6) + Long.numberOfTrailingZeros(x)];
      }
    }
    return -1;
  }
}
