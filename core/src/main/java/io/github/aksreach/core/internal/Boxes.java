package io.github.aksreach.core.internal;

/**
 * A first-match rule list over boxes, asked about points: {@link BoxScan} answers by scanning the boxes, {@link
 * BoxIndex} by its packet-classification index, with the same answers and cells.
 *
 * <pre>{@code
 * Boxes b = asked > 4 ? scan.index() : scan;
 * b.narrow(keys, cell, 0);
 * int rule = b.firstMatch(keys);   // -1 when no rule matches
 * }</pre>
 */
public interface Boxes {
  /** The first rule matching the point ({@code keys}: hi, lo per field), or -1. */
  int firstMatch(long[] keys);

  /**
   * Narrows {@code box} to the cell of {@code keys}: every point of that cell gets the same answer from
   * {@link #firstMatch}. {@code box} holds, per field, the inclusive bounds (loHi, loLo, hiHi, hiLo); fields whose
   * bit is set in {@code skip} are left alone.
   */
  void narrow(long[] keys, long[] box, int skip);
}
