package io.github.aksreach.core.model;

import io.github.aksreach.core.internal.RangeSet128;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * An exact set of IP protocol numbers (0-255); {@link #any()} is every protocol, as Azure's {@code "*"}.
 *
 * <pre>{@code
 * ProtocolSet.parse("*").orElseThrow().contains(Protocol.ESP);   // true
 * ProtocolSet.of(Protocol.TCP, Protocol.UDP).complement().contains(Protocol.ICMP);   // true
 * }</pre>
 */
public final class ProtocolSet {
  public static final int MAX = 255;
  private static final ProtocolSet EMPTY = new ProtocolSet(RangeSet128.EMPTY);
  private static final ProtocolSet ANY = new ProtocolSet(RangeSet128.range(0, MAX));

  private final RangeSet128 ranges;

  private ProtocolSet(RangeSet128 ranges) {
    this.ranges = ranges;
  }

  public static ProtocolSet ofRanges(RangeSet128 r) {
    return r.isEmpty() ? EMPTY : new ProtocolSet(r);
  }

  public static ProtocolSet empty() {
    return EMPTY;
  }

  public static ProtocolSet any() {
    return ANY;
  }

  public static ProtocolSet of(Protocol... ps) {
    long[] g = new long[ps.length * 4];
    for (int i = 0; i < ps.length; i++) {
      g[4 * i + 1] = ps[i].number();
      g[4 * i + 3] = ps[i].number();
    }
    return ofRanges(RangeSet128.ofUnsorted(g));
  }

  /** {@code "*"} (any) or a protocol name. */
  public static Parsed<ProtocolSet> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, ProtocolSet> parseResult(String text) {
    if (text != null && (text.trim().equals("*") || text.trim().equalsIgnoreCase("all")
        || text.trim().equalsIgnoreCase("any"))) {
      return Validation.valid(ANY);
    }
    return Protocol.parse(text).map(ProtocolSet::of);
  }

  public RangeSet128 rangeSet() {
    return ranges;
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean contains(Protocol p) {
    return ranges.contains(0, p.number());
  }

  public boolean contains(int number) {
    return ranges.contains(0, number);
  }

  public ProtocolSet union(ProtocolSet o) {
    return ofRanges(ranges.union(o.ranges));
  }

  public ProtocolSet intersection(ProtocolSet o) {
    return ofRanges(ranges.intersection(o.ranges));
  }

  public ProtocolSet difference(ProtocolSet o) {
    return ofRanges(ranges.difference(o.ranges));
  }

  public ProtocolSet complement() {
    return ANY.difference(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProtocolSet && ((ProtocolSet) o).ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode();
  }

  @Override
  public String toString() {
    if (equals(ANY)) {
      return "*";
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      for (long n = ranges.startLo(i); n <= ranges.endLo(i); n++) {
        names.add(Protocol.byNumber((int) n).map(Protocol::toString).orElse(Long.toString(n)));
      }
    }
    return String.join(",", names);
  }
}
