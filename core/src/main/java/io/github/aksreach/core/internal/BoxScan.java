package io.github.aksreach.core.internal;

import java.util.List;

/**
 * A first-match rule list decided by scanning its boxes: the answers and the cells of {@link BoxIndex}, without
 * building it. One scan costs the number of ranges; building the index costs that times its logarithm, plus a set of
 * boxes per interval, so a hop asked about a few points (one flow from outside the cluster past a hop with a route
 * per node) is cheaper scanned, and one asked about many is indexed ({@link #index()}).
 *
 * <pre>{@code
 * BoxScan scan = BoxScan.of(boxesPerRule, 5);
 * int rule = scan.firstMatch(keys);          // what BoxIndex.build(boxesPerRule, 5).firstMatch(keys) answers
 * scan.narrow(keys, cell, 0);                // the same cell as the index's narrow
 * }</pre>
 */
public final class BoxScan implements Boxes {
  final RangeSet128[][] boxes;
  final int[] boxRule;
  private final int fields;

  private BoxScan(RangeSet128[][] boxes, int[] boxRule, int fields) {
    this.boxes = boxes;
    this.boxRule = boxRule;
    this.fields = fields;
  }

  /**
   * The scan of {@code rules}.
   *
   * @param rules for each rule in priority order, its boxes; a box is one key set per field
   * @param fields number of fields
   */
  public static BoxScan of(List<List<RangeSet128[]>> rules, int fields) {
    int n = 0;
    for (List<RangeSet128[]> r : rules) {
      n += r.size();
    }
    RangeSet128[][] boxes = new RangeSet128[n][];
    int[] boxRule = new int[n];
    int b = 0;
    for (int r = 0; r < rules.size(); r++) {
      for (RangeSet128[] box : rules.get(r)) {
        boxes[b] = box;
        boxRule[b++] = r;
      }
    }
    return new BoxScan(boxes, boxRule, fields);
  }

  /** The index of the same boxes. */
  public BoxIndex index() {
    return BoxIndex.build(boxes, boxRule, fields);
  }

  @Override
  public int firstMatch(long[] keys) {
    for (int b = 0; b < boxes.length; b++) {
      RangeSet128[] box = boxes[b];
      boolean all = true;
      for (int f = 0; f < fields && all; f++) {
        all = box[f].contains(keys[2 * f], keys[2 * f + 1]);
      }
      if (all) {
        return boxRule[b];
      }
    }
    return -1;
  }

  /**
   * {@inheritDoc} Per field: from the greatest interval start at or below the key (zero, a range's start or the point
   * after a range's end) to just before the least one above it, as the index's intervals are cut.
   */
  @Override
  public void narrow(long[] keys, long[] box, int skip) {
    for (int f = 0; f < fields; f++) {
      if ((skip & (1 << f)) != 0) {
        continue;
      }
      Cell cell = new Cell(keys[2 * f], keys[2 * f + 1]);
      for (RangeSet128[] b : boxes) {
        RangeSet128 s = b[f];
        for (int i = 0; i < s.size(); i++) {
          cell.cutAt(s.startHi(i), s.startLo(i));
          if (!U128.isMax(s.endHi(i), s.endLo(i))) {
            cell.cutAt(U128.incHi(s.endHi(i), s.endLo(i)), U128.incLo(s.endLo(i)));
          }
        }
      }
      cell.clamp(box, 4 * f);
    }
  }

  /** The interval of one field around a key, cut by every interval start the boxes make in that field. */
  private static final class Cell {
    private final long keyHi;
    private final long keyLo;
    /** The greatest start at or below the key (zero, the least point, to begin with). */
    private long loHi;
    private long loLo;
    /** The least start above the key, if any. */
    private boolean above;
    private long upHi;
    private long upLo;

    Cell(long keyHi, long keyLo) {
      this.keyHi = keyHi;
      this.keyLo = keyLo;
    }

    void cutAt(long hi, long lo) {
      if (U128.compare(hi, lo, keyHi, keyLo) <= 0) {
        if (U128.compare(hi, lo, loHi, loLo) > 0) {
          loHi = hi;
          loLo = lo;
        }
      } else if (!above || U128.compare(hi, lo, upHi, upLo) < 0) {
        above = true;
        upHi = hi;
        upLo = lo;
      }
    }

    /** Narrows the bounds at {@code box[at..at + 3]} to this interval. */
    void clamp(long[] box, int at) {
      if (U128.compare(loHi, loLo, box[at], box[at + 1]) > 0) {
        box[at] = loHi;
        box[at + 1] = loLo;
      }
      if (above) {
        long endHi = U128.decHi(upHi, upLo);
        long endLo = U128.decLo(upLo);
        if (U128.compare(endHi, endLo, box[at + 2], box[at + 3]) < 0) {
          box[at + 2] = endHi;
          box[at + 3] = endLo;
        }
      }
    }
  }
}
