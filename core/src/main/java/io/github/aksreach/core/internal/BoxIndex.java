package io.github.aksreach.core.internal;

import java.util.Arrays;
import java.util.List;

/**
 * A packet-classification index for first-match rule lists (the bit-vector scheme of Lakshman and Stiliadis): every
 * rule is a union of boxes (one key set per field); each field's key space is cut into elementary intervals, each
 * holding the set of boxes that accept it. Deciding a point is one binary search per field and an intersection of
 * those sets; the smallest box left is the first matching box, hence the first matching rule.
 *
 * <pre>{@code
 * BoxIndex idx = BoxIndex.build(boxesPerRule, 5);
 * int rule = idx.firstMatch(keys);   // -1 when no rule matches
 * }</pre>
 *
 * <p>An interval's set is a bit set over all boxes when it holds many of them, and the sorted list of their numbers
 * when it holds few ({@link #sparse(int, int)}): a hop with one rule per node or pod range (tens of thousands of
 * disjoint destination ranges) cuts its destination field into as many intervals, each accepted by one box, and
 * bit sets there would cost intervals times boxes bits. Memory is at most the smaller of the two per interval, so it
 * grows with what the boxes cover, not with their number squared.
 */
public final class BoxIndex implements Boxes {
  /** Below this many boxes every interval keeps a bit set (one to a few words). */
  private static final int SMALL_WORDS = 4;

  private final int fields;
  private final int[] boxRule;
  private final int words;
  private final long[][] startHi;
  private final long[][] startLo;
  /** [field][interval]: the bit set of the interval's boxes, or null when {@link #ids} holds them. */
  private final long[][][] bits;
  /** [field][interval]: the interval's boxes in increasing order, or null when {@link #bits} holds them. */
  private final int[][][] ids;

  private BoxIndex(int fields, int[] boxRule, long[][] startHi, long[][] startLo, long[][][] bits, int[][][] ids) {
    this.fields = fields;
    this.boxRule = boxRule;
    this.words = Math.max(1, (boxRule.length + 63) / 64);
    this.startHi = startHi;
    this.startLo = startLo;
    this.bits = bits;
    this.ids = ids;
  }

  /**
   * Builds the index.
   *
   * @param rules for each rule in priority order, its boxes; a box is one key set per field
   * @param fields number of fields
   */
  public static BoxIndex build(List<List<RangeSet128[]>> rules, int fields) {
    BoxScan scan = BoxScan.of(rules, fields);
    return build(scan.boxes, scan.boxRule, fields);
  }

  /** Builds the index of {@code boxes}, box {@code b} belonging to rule {@code boxRule[b]} (in priority order). */
  static BoxIndex build(RangeSet128[][] boxes, int[] boxRule, int fields) {
    int n = boxes.length;
    int words = Math.max(1, (n + 63) / 64);
    long[][] sHi = new long[fields][];
    long[][] sLo = new long[fields][];
    long[][][] bits = new long[fields][][];
    int[][][] ids = new int[fields][][];
    for (int f = 0; f < fields; f++) {
      boundaries(boxes, f, sHi, sLo);
      int m = sHi[f].length;
      // how many boxes accept each interval: +1 where a range starts, -1 after it ends, summed
      int[] count = new int[m + 1];
      for (RangeSet128[] box : boxes) {
        RangeSet128 s = box[f];
        for (int i = 0; i < s.size(); i++) {
          count[find(sHi[f], sLo[f], s.startHi(i), s.startLo(i))]++;
          count[find(sHi[f], sLo[f], s.endHi(i), s.endLo(i)) + 1]--;
        }
      }
      long[][] fb = new long[m][];
      int[][] fi = new int[m][];
      int running = 0;
      for (int iv = 0; iv < m; iv++) {
        running += count[iv];
        if (sparse(running, words)) {
          fi[iv] = new int[running];
        } else {
          fb[iv] = new long[words];
        }
      }
      int[] filled = count; // reused: how many ids each sparse interval holds so far
      Arrays.fill(filled, 0);
      for (int bi = 0; bi < n; bi++) { // in increasing order, so every list comes out sorted
        RangeSet128 s = boxes[bi][f];
        for (int i = 0; i < s.size(); i++) {
          int from = find(sHi[f], sLo[f], s.startHi(i), s.startLo(i));
          int to = find(sHi[f], sLo[f], s.endHi(i), s.endLo(i));
          for (int iv = from; iv <= to; iv++) {
            if (fb[iv] != null) {
              fb[iv][bi >>> 6] |= 1L << (bi & 63);
            } else {
              fi[iv][filled[iv]++] = bi;
            }
          }
        }
      }
      bits[f] = fb;
      ids[f] = fi;
    }
    return new BoxIndex(fields, boxRule, sHi, sLo, bits, ids);
  }

  /** How many elementary intervals, over all fields, keep a list of box numbers rather than a bit set. */
  int listIntervals() {
    int c = 0;
    for (int[][] field : ids) {
      for (int[] list : field) {
        c += list == null ? 0 : 1;
      }
    }
    return c;
  }

  /** Whether an interval accepted by {@code count} boxes keeps their numbers rather than a bit set. */
  static boolean sparse(int count, int words) {
    return words > SMALL_WORDS && count < 2 * words;
  }

  /** Field {@code f}'s elementary interval starts, sorted, distinct: 0, every range start, every range end + 1. */
  private static void boundaries(RangeSet128[][] boxes, int f, long[][] sHi, long[][] sLo) {
    int ranges = 0;
    for (RangeSet128[] box : boxes) {
      ranges += box[f].size();
    }
    long[] hi = new long[1 + 2 * ranges];
    long[] lo = new long[1 + 2 * ranges];
    int k = 1;
    boolean oneHi = true;
    for (RangeSet128[] box : boxes) {
      RangeSet128 s = box[f];
      for (int i = 0; i < s.size(); i++) {
        hi[k] = s.startHi(i);
        lo[k++] = s.startLo(i);
        if (!U128.isMax(s.endHi(i), s.endLo(i))) {
          hi[k] = U128.incHi(s.endHi(i), s.endLo(i));
          lo[k++] = U128.incLo(s.endLo(i));
        }
      }
    }
    for (int i = 2; i < k && oneHi; i++) {
      oneHi = hi[i] == hi[1];
    }
    if (oneHi) {
      // every point after the first (zero, the least of all) has the same high half (IPv4 addresses, ports,
      // protocols): sort the low halves, unsigned, as signed numbers with their top bit flipped
      long[] keys = new long[k - 1];
      for (int i = 1; i < k; i++) {
        keys[i - 1] = lo[i] ^ Long.MIN_VALUE;
      }
      Arrays.sort(keys);
      for (int i = 1; i < k; i++) {
        lo[i] = keys[i - 1] ^ Long.MIN_VALUE;
      }
    } else {
      Integer[] order = new Integer[k];
      for (int i = 0; i < k; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> U128.compare(hi[x], lo[x], hi[y], lo[y]));
      long[] h = hi.clone();
      long[] l = lo.clone();
      for (int i = 0; i < k; i++) {
        hi[i] = h[order[i]];
        lo[i] = l[order[i]];
      }
    }
    int m = 0;
    for (int i = 0; i < k; i++) {
      if (m > 0 && hi[m - 1] == hi[i] && lo[m - 1] == lo[i]) {
        continue;
      }
      hi[m] = hi[i];
      lo[m++] = lo[i];
    }
    sHi[f] = Arrays.copyOf(hi, m);
    sLo[f] = Arrays.copyOf(lo, m);
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

  @Override
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

  @Override
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
    int[] at = new int[fields];
    int pivot = -1;
    for (int f = 0; f < fields; f++) {
      int i = find(startHi[f], startLo[f], keys[2 * f], keys[2 * f + 1]);
      at[f] = i;
      int[] list = ids[f][i];
      if (list != null && (pivot < 0 || list.length < ids[pivot][at[pivot]].length)) {
        pivot = f;
      }
    }
    return pivot < 0 ? firstInBits(at) : firstInList(at, pivot);
  }

  /** Every field's interval holds a bit set: AND them word by word. */
  private int firstInBits(int[] at) {
    for (int w = 0; w < words; w++) {
      long x = bits[0][at[0]][w];
      for (int f = 1; f < fields && x != 0; f++) {
        x &= bits[f][at[f]][w];
      }
      if (x != 0) {
        return boxRule[(w << 6) + Long.numberOfTrailingZeros(x)];
      }
    }
    return -1;
  }

  /** Walks the shortest list in increasing order; the first box every other field accepts is the answer. */
  private int firstInList(int[] at, int pivot) {
    for (int box : ids[pivot][at[pivot]]) {
      boolean all = true;
      for (int f = 0; f < fields && all; f++) {
        if (f == pivot) {
          continue;
        }
        long[] set = bits[f][at[f]];
        all = set != null ? (set[box >>> 6] & (1L << (box & 63))) != 0 : Arrays.binarySearch(ids[f][at[f]], box) >= 0;
      }
      if (all) {
        return boxRule[box];
      }
    }
    return -1;
  }
}
