package io.github.aksreach.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index against a linear first-match scan of the boxes, on rule lists large enough for intervals to keep lists
 * of box numbers: one rule per disjoint range (a route per node or pod block), wildcards, nested and overlapping
 * ranges, rules of several boxes, and keys whose high halves differ (IPv6).
 */
class BoxIndexProperties {
  private static final int FIELDS = 3;

  @Test
  void firstMatchAgreesWithLinearScan() {
    int[] seen = new int[3]; // no match, a match, lists used
    qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      List<List<RangeSet128[]>> rules = rules(r);
      BoxIndex idx = BoxIndex.build(rules, FIELDS);
      seen[2] += idx.listIntervals() > 0 ? 1 : 0;
      for (int q = 0; q < 60; q++) {
        long[] keys = point(r, rules);
        int expected = linear(rules, keys);
        seen[expected < 0 ? 0 : 1]++;
        assertThat(idx.firstMatch(keys)).as("seed %d, %d rules", seed, rules.size()).isEqualTo(expected);
        // every point of the narrowed cell is decided as its key is
        long[] cell = new long[4 * FIELDS];
        for (int f = 0; f < FIELDS; f++) {
          cell[4 * f + 2] = -1L;
          cell[4 * f + 3] = -1L;
        }
        idx.narrow(keys, cell, 0);
        for (int corner = 0; corner < 2; corner++) {
          long[] p = new long[2 * FIELDS];
          for (int f = 0; f < FIELDS; f++) {
            p[2 * f] = cell[4 * f + 2 * corner];
            p[2 * f + 1] = cell[4 * f + 2 * corner + 1];
          }
          assertThat(idx.firstMatch(p)).as("corner %d of the cell of seed %d", corner, seed).isEqualTo(expected);
        }
      }
    });
    assertThat(seen[0]).as("points no rule matched").isGreaterThan(500);
    assertThat(seen[1]).as("points a rule matched").isGreaterThan(500);
    assertThat(seen[2]).as("indexes that kept lists of box numbers").isGreaterThan(30);
  }

  /** A scan of the boxes gives the index's answer and the index's cell, exactly, for every point. */
  @Test
  void scanningGivesTheIndexsAnswersAndCells() {
    int[] narrowed = new int[1];
    qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      List<List<RangeSet128[]>> rules = rules(r);
      BoxScan scan = BoxScan.of(rules, FIELDS);
      BoxIndex idx = scan.index();
      for (int q = 0; q < 60; q++) {
        long[] keys = point(r, rules);
        assertThat(scan.firstMatch(keys)).as("seed %d", seed).isEqualTo(idx.firstMatch(keys));
        int skip = r.nextInt(1 << FIELDS);
        long[] start = new long[4 * FIELDS];
        for (int f = 0; f < FIELDS; f++) {
          // the whole field, or a box around the key that the cell may or may not cut
          boolean whole = r.nextBoolean();
          start[4 * f] = whole ? 0 : keys[2 * f];
          start[4 * f + 1] = whole ? 0 : keys[2 * f + 1] - r.nextInt(3);
          start[4 * f + 2] = whole ? -1L : keys[2 * f];
          start[4 * f + 3] = whole ? -1L : keys[2 * f + 1] + r.nextInt(3);
        }
        long[] byIndex = start.clone();
        long[] byScan = start.clone();
        idx.narrow(keys, byIndex, skip);
        scan.narrow(keys, byScan, skip);
        assertThat(byScan).as("cell of seed %d, skip %d", seed, skip).containsExactly(byIndex);
        narrowed[0] += java.util.Arrays.equals(byIndex, start) ? 0 : 1;
      }
    });
    assertThat(narrowed[0]).as("cells narrower than the box given").isGreaterThan(1000);
  }

  @Test
  void oneRulePerDisjointRangeKeepsListsNotBitSets() {
    List<List<RangeSet128[]>> rules = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rules.add(List.<RangeSet128[]>of(new RangeSet128[] {RangeSet128.range(256L * i, 256L * i + 255), all(), all()}));
    }
    BoxIndex idx = BoxIndex.build(rules, FIELDS);
    // one interval per route and one after the last, each with one box: no interval pays 20,000 bits
    assertThat(idx.listIntervals()).isEqualTo(20_001);
    assertThat(idx.firstMatch(new long[] {0, 256L * 12_345 + 7, 0, 5, 0, 9})).isEqualTo(12_345);
    assertThat(idx.firstMatch(new long[] {0, 256L * 20_000, 0, 5, 0, 9})).isEqualTo(-1);
  }

  private static RangeSet128 all() {
    return RangeSet128.range(0, 0, -1L, -1L);
  }

  private static List<List<RangeSet128[]>> rules(Random r) {
    int n = r.nextInt(5) == 0 ? r.nextInt(10) : 200 + r.nextInt(800);
    boolean v6 = r.nextInt(4) == 0;
    boolean twoLists = r.nextBoolean();
    List<List<RangeSet128[]>> rules = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int boxes = r.nextInt(8) == 0 ? 0 : 1 + (r.nextInt(6) == 0 ? r.nextInt(3) : 0);
      List<RangeSet128[]> rule = new ArrayList<>();
      for (int b = 0; b < boxes; b++) {
        RangeSet128[] box = new RangeSet128[FIELDS];
        for (int f = 0; f < FIELDS; f++) {
          box[f] = field(r, f == 1 && twoLists ? n - 1 - i : i, f == 1 && twoLists ? 0 : f, v6);
        }
        rule.add(box);
      }
      rules.add(rule);
    }
    return rules;
  }

  /**
   * Field 0 (and field 1 in half the lists, blocks in reverse order) mostly one disjoint block per rule; the others
   * small universes with wildcards and overlaps.
   */
  private static RangeSet128 field(Random r, int rule, int f, boolean v6) {
    int shape = r.nextInt(10);
    if (f == 0 ? r.nextInt(150) == 0 : shape == 0) {
      return all();
    }
    long hi = v6 && r.nextBoolean() ? r.nextInt(3) : 0;
    if (f == 0 && shape < 8) {
      return RangeSet128.range(hi, 16L * rule, hi, 16L * rule + r.nextInt(16));
    }
    RangeSet128.Builder b = new RangeSet128.Builder(2);
    int ranges = 1 + r.nextInt(2);
    for (int i = 0; i < ranges; i++) {
      long a = r.nextInt(f == 0 ? 20_000 : 60);
      b.add(hi, a, hi, a + r.nextInt(f == 0 ? 400 : 20));
    }
    return b.build();
  }

  private static long[] point(Random r, List<List<RangeSet128[]>> rules) {
    long[] keys = new long[2 * FIELDS];
    List<RangeSet128[]> boxes = new ArrayList<>();
    rules.forEach(boxes::addAll);
    // near the edges of one box's ranges in every field (where intervals begin and end), or of a box per field
    RangeSet128[] one = boxes.isEmpty() ? null : boxes.get(r.nextInt(boxes.size()));
    boolean sameBox = r.nextBoolean();
    for (int f = 0; f < FIELDS; f++) {
      if (!boxes.isEmpty() && r.nextInt(3) != 0) {
        RangeSet128 s = (sameBox ? one : boxes.get(r.nextInt(boxes.size())))[f];
        int i = r.nextInt(s.size());
        boolean start = r.nextBoolean();
        long hi = start ? s.startHi(i) : s.endHi(i);
        long lo = (start ? s.startLo(i) : s.endLo(i)) + (r.nextInt(3) - 1);
        keys[2 * f] = hi;
        keys[2 * f + 1] = lo;
      } else {
        keys[2 * f] = r.nextInt(4) == 0 ? r.nextInt(3) : 0;
        keys[2 * f + 1] = r.nextInt(f == 0 ? 20_000 : 80);
      }
    }
    return keys;
  }

  private static int linear(List<List<RangeSet128[]>> rules, long[] keys) {
    for (int i = 0; i < rules.size(); i++) {
      for (RangeSet128[] box : rules.get(i)) {
        boolean all = true;
        for (int f = 0; f < FIELDS && all; f++) {
          all = box[f].contains(keys[2 * f], keys[2 * f + 1]);
        }
        if (all) {
          return i;
        }
      }
    }
    return -1;
  }
}
