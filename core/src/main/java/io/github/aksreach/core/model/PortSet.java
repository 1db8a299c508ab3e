package io.github.aksreach.core.model;

import io.github.aksreach.core.internal.RangeSet128;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An exact, canonical set of ports within 0-65535.
 *
 * <pre>{@code
 * PortSet web = PortSet.parse("80,443,8000-8080").orElseThrow();
 * web.contains(8080);                       // true
 * web.complement().contains(22);            // true
 * PortSet.all().difference(web).ranges();   // [0-79, 81-442, 444-7999, 8081-65535]
 * }</pre>
 *
 * <p>Canonical form: sorted, disjoint, coalesced ranges; {@code equals} is set equality.
 */
public final class PortSet {
  private static final PortSet EMPTY = new PortSet(RangeSet128.EMPTY);
  private static final PortSet ALL = new PortSet(RangeSet128.range(0, PortRange.MAX));

  private final RangeSet128 ranges;

  private PortSet(RangeSet128 ranges) {
    this.ranges = ranges;
  }

  public static PortSet ofRanges(RangeSet128 r) {
    return r.isEmpty() ? EMPTY : new PortSet(r);
  }

  public static PortSet empty() {
    return EMPTY;
  }

  public static PortSet all() {
    return ALL;
  }

  public static PortSet of(int port) {
    return of(PortRange.single(port));
  }

  public static PortSet of(PortRange... ranges) {
    return of(List.of(ranges));
  }

  public static PortSet of(Collection<PortRange> ranges) {
    long[] g = new long[ranges.size() * 4];
    int i = 0;
    for (PortRange r : ranges) {
      g[i + 1] = r.start();
      g[i + 3] = r.end();
      i += 4;
    }
    return ofRanges(RangeSet128.ofUnsorted(g));
  }

  /** Parses a comma-separated list of ports and ranges ({@code "80, 10000-10005"}); {@code "*"} is every port. */
  public static Parsed<PortSet> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, PortSet> parseResult(String text) {
    List<PortRange> out = new ArrayList<>();
    for (String part : (text == null ? "" : text).split(",", -1)) {
      Validation<ModelError, PortRange> r = PortRange.parse(part);
      if (r.isInvalid()) {
        return Validation.invalid(r.getError());
      }
      out.add(r.get());
    }
    return Validation.valid(of(out));
  }

  public RangeSet128 rangeSet() {
    return ranges;
  }

  public List<PortRange> ranges() {
    List<PortRange> out = new ArrayList<>(ranges.size());
    for (int i = 0; i < ranges.size(); i++) {
      out.add(PortRange.of((int) ranges.startLo(i), (int) ranges.endLo(i)));
    }
    return out;
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean contains(int port) {
    return ranges.contains(0, port);
  }

  public boolean encloses(PortSet o) {
    return o.ranges.difference(ranges).isEmpty();
  }

  public PortSet union(PortSet o) {
    return ofRanges(ranges.union(o.ranges));
  }

  public PortSet intersection(PortSet o) {
    return ofRanges(ranges.intersection(o.ranges));
  }

  public PortSet difference(PortSet o) {
    return ofRanges(ranges.difference(o.ranges));
  }

  public PortSet complement() {
    return ALL.difference(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortSet && ((PortSet) o).ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode();
  }

  @Override
  public String toString() {
    return ranges().toString();
  }
}
