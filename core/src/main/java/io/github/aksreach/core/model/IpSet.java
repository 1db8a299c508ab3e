package io.github.aksreach.core.model;

import io.github.aksreach.core.internal.RangeSet128;
import io.vavr.control.Validation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An exact, canonical set of IPv4 and IPv6 addresses, modelled on Guava's {@code RangeSet}.
 *
 * <pre>{@code
 * IpSet vnet = IpSet.parse("192.168.0.0/16").orElseThrow();
 * IpSet nodes = IpSet.of(IpPrefix.of("192.168.0.0/28"), IpPrefix.of("192.168.0.32/28"));
 * vnet.difference(nodes).toCidrs();   // minimal CIDR list of what is left
 * nodes.complement(IpFamily.V4).contains(IpAddress.of("8.8.8.8"));   // true
 * }</pre>
 *
 * <p>Canonical form: sorted, disjoint, coalesced ranges, so {@code equals} is set equality. Union, intersection and
 * difference are linear merges of the two range lists; {@link #ofPrefixes} sorts once (O(n log n)).
 *
 * <table>
 *   <caption>Notation</caption>
 *   <tr><th>call</th><th>set</th></tr>
 *   <tr><td>{@code empty()}</td><td>{}</td></tr>
 *   <tr><td>{@code all()}</td><td>every IPv4 and IPv6 address</td></tr>
 *   <tr><td>{@code all(V4)}</td><td>0.0.0.0/0</td></tr>
 *   <tr><td>{@code a.complement(V4)}</td><td>0.0.0.0/0 \ a</td></tr>
 * </table>
 */
public final class IpSet {
  private static final long V4_LO_FIRST = IpAddress.V4_MAPPED_LO_BASE;
  private static final long V4_LO_LAST = IpAddress.V4_MAPPED_LO_BASE | 0xFFFF_FFFFL;
  private static final IpSet EMPTY = new IpSet(RangeSet128.EMPTY);
  private static final IpSet ALL_V4 = new IpSet(RangeSet128.range(0, V4_LO_FIRST, 0, V4_LO_LAST));
  private static final IpSet ALL = new IpSet(RangeSet128.range(0, 0, -1L, -1L));
  private static final IpSet ALL_V6 = new IpSet(ALL.ranges.difference(ALL_V4.ranges));

  private final RangeSet128 ranges;

  private IpSet(RangeSet128 ranges) {
    this.ranges = ranges;
  }

  /** Wraps a range set in the 128-bit key space (IPv4 mapped). For engine code. */
  public static IpSet ofRanges(RangeSet128 ranges) {
    return ranges.isEmpty() ? EMPTY : new IpSet(ranges);
  }

  public static IpSet empty() {
    return EMPTY;
  }

  /** Every address of both families. */
  public static IpSet all() {
    return ALL;
  }

  /** Every address of one family. */
  public static IpSet all(IpFamily family) {
    return family == IpFamily.V4 ? ALL_V4 : ALL_V6;
  }

  public static IpSet of(IpAddress a) {
    return new IpSet(RangeSet128.range(a.hi(), a.lo(), a.hi(), a.lo()));
  }

  /** The set of these single addresses (any order, repeats allowed), e.g. the addresses of a node's pods. */
  public static IpSet ofAddresses(Collection<IpAddress> addresses) {
    long[] g = new long[addresses.size() * 4];
    int i = 0;
    for (IpAddress a : addresses) {
      g[i++] = a.hi();
      g[i++] = a.lo();
      g[i++] = a.hi();
      g[i++] = a.lo();
    }
    return new IpSet(RangeSet128.ofUnsorted(g));
  }

  public static IpSet of(IpPrefix... prefixes) {
    return ofPrefixes(List.of(prefixes));
  }

  public static IpSet ofPrefixes(Collection<IpPrefix> prefixes) {
    long[] g = new long[prefixes.size() * 4];
    int i = 0;
    for (IpPrefix p : prefixes) {
      IpAddress f = p.first();
      IpAddress l = p.last();
      g[i++] = f.hi();
      g[i++] = f.lo();
      g[i++] = l.hi();
      g[i++] = l.lo();
    }
    return ofRanges(RangeSet128.ofUnsorted(g));
  }

  /** The addresses from {@code first} to {@code last} inclusive (same family). */
  public static IpSet range(IpAddress first, IpAddress last) {
    if (first.family() != last.family()) {
      throw new InvalidModelException("range spans families: " + first + "-" + last);
    }
    return ofRanges(RangeSet128.range(first.hi(), first.lo(), last.hi(), last.lo()));
  }

  /** Parses one prefix or address, or a comma-separated list of them. */
  public static Parsed<IpSet> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, IpSet> parseResult(String text) {
    List<IpPrefix> out = new ArrayList<>();
    for (String part : (text == null ? "" : text).split(",", -1)) {
      Validation<ModelError, IpPrefix> p = IpPrefix.parse(part);
      if (p.isInvalid()) {
        return Validation.invalid(p.getError());
      }
      out.add(p.get());
    }
    return Validation.valid(ofPrefixes(out));
  }

  /** The engine's view: canonical ranges in the 128-bit key space. */
  public RangeSet128 ranges() {
    return ranges;
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean contains(IpAddress a) {
    return ranges.contains(a.hi(), a.lo());
  }

  /** True iff every address of {@code other} is in this set. */
  public boolean encloses(IpSet other) {
    return other.ranges.difference(ranges).isEmpty();
  }

  public boolean intersects(IpSet other) {
    return !ranges.intersection(other.ranges).isEmpty();
  }

  public IpSet union(IpSet o) {
    return ofRanges(ranges.union(o.ranges));
  }

  public IpSet intersection(IpSet o) {
    return ofRanges(ranges.intersection(o.ranges));
  }

  public IpSet difference(IpSet o) {
    return ofRanges(ranges.difference(o.ranges));
  }

  /** The addresses of {@code family} not in this set. */
  public IpSet complement(IpFamily family) {
    return all(family).difference(this);
  }

  /** Every address of either family not in this set. */
  public IpSet complement() {
    return ALL.difference(this);
  }

  /** The part of this set in one family. */
  public IpSet restrict(IpFamily family) {
    return intersection(all(family));
  }

  /** Number of addresses. */
  public BigInteger size() {
    return ranges.cardinality();
  }

  /** The smallest address, if any. */
  public java.util.Optional<IpAddress> first() {
    return isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(IpAddress.ofKey(ranges.startHi(0), ranges.startLo(0)));
  }

  /**
   * Calls {@code action} with the first and the last address of each maximal range of this set, in ascending key
   * order (the canonical ranges, not split into CIDR blocks).
   */
  public void forEachRange(java.util.function.BiConsumer<IpAddress, IpAddress> action) {
    for (int i = 0; i < ranges.size(); i++) {
      action.accept(IpAddress.ofKey(ranges.startHi(i), ranges.startLo(i)),
          IpAddress.ofKey(ranges.endHi(i), ranges.endLo(i)));
    }
  }

  /** The minimal list of CIDR prefixes whose union is exactly this set, ascending (IPv4 first). */
  public List<IpPrefix> toCidrs() {
    List<IpPrefix> out = new ArrayList<>();
    for (IpSet part : List.of(restrict(IpFamily.V4), restrict(IpFamily.V6))) {
      for (BigInteger[] block : part.ranges.toBlocks()) {
        BigInteger start = block[0];
        int keyLen = block[1].intValue();
        IpAddress a = IpAddress.ofKey(start.shiftRight(64).longValue(), start.longValue());
        int len = a.family() == IpFamily.V4 ? keyLen - 96 : keyLen;
        out.add(IpPrefix.of(a, len));
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpSet && ((IpSet) o).ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode();
  }

  /** The CIDR list, e.g. {@code [10.0.0.0/24, 10.0.2.0/23]}; {@code []} when empty. */
  @Override
  public String toString() {
    return toCidrs().toString();
  }
}
