package io.github.aksreach.core.model;

import io.github.aksreach.core.internal.Dd;
import io.github.aksreach.core.internal.RangeSet128;
import java.util.Optional;

/**
 * An exact symbolic set of flows (protocol x destination address x destination port x source address x source port),
 * modelled on Guava's {@code RangeSet}.
 *
 * <pre>{@code
 * FlowSpace toLb = FlowSpace.all()
 *     .restrictTo(Field.PROTOCOL, ProtocolSet.of(Protocol.TCP))
 *     .restrictTo(Field.DST_IP, IpSet.of(IpAddress.of("192.168.0.22")))
 *     .restrictTo(Field.DST_PORT, PortSet.of(80));
 * FlowSpace fromVms = toLb.restrictTo(Field.SRC_IP, IpSet.parse("192.168.1.0/24").orElseThrow());
 * toLb.difference(fromVms).contains(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80"));   // false
 * fromVms.witness();   // Optional[tcp 192.168.1.0:0 -> 192.168.0.22:80]
 * }</pre>
 *
 * <p>Canonical-form contract: the underlying interval decision diagram is reduced and hash-consed, so
 * {@code equals} is set equality and costs O(1); no empty pieces are ever stored. HTTP host and path are not
 * dimensions of a flow space: questions about them fix them concretely (see the solver's query).
 *
 * <table>
 *   <caption>Notation</caption>
 *   <tr><th>call</th><th>set</th></tr>
 *   <tr><td>{@code empty()}</td><td>{}</td></tr>
 *   <tr><td>{@code all()}</td><td>every flow of every protocol, family, address and port</td></tr>
 *   <tr><td>{@code of(f)}</td><td>{f} (without host and path)</td></tr>
 *   <tr><td>{@code where(F, s)}</td><td>{f : f.F in s}</td></tr>
 *   <tr><td>{@code a.fixing(F, v)}</td><td>{f : f[F := v] in a}</td></tr>
 * </table>
 */
public final class FlowSpace {
  private static final Dd TRUE = Dd.leaf(Boolean.TRUE);
  private static final Dd FALSE = Dd.leaf(Boolean.FALSE);
  private static final FlowSpace EMPTY = new FlowSpace(FALSE);
  private static final FlowSpace ALL = new FlowSpace(TRUE);

  /** The canonical diagram; null until first needed for a space made by {@link #of(Flow)}. */
  private volatile Dd dd;
  /** For a space of one flow made by {@link #of(Flow)}: its keys, so the diagram is built only when needed. */
  private final long[] point;

  private FlowSpace(Dd dd) {
    this.dd = dd;
    this.point = null;
  }

  private FlowSpace(long[] point) {
    this.point = point;
  }

  private Dd dd() {
    Dd d = dd;
    if (d == null) {
      // interning makes every thread that gets here build the same canonical diagram
      d = Dd.point(point, TRUE, FALSE);
      dd = d;
    }
    return d;
  }

  /** Wraps a diagram with Boolean leaves. Engine use. */
  public static FlowSpace ofDiagram(Dd dd) {
    return dd == FALSE ? EMPTY : dd == TRUE ? ALL : new FlowSpace(dd);
  }

  /** The underlying canonical diagram (Boolean leaves). Engine use. */
  public Dd diagram() {
    return dd();
  }

  /** The Boolean leaf for {@code b}. Engine use. */
  public static Dd leaf(boolean b) {
    return b ? TRUE : FALSE;
  }

  public static FlowSpace empty() {
    return EMPTY;
  }

  public static FlowSpace all() {
    return ALL;
  }

  /** The single flow {@code f} (its host and path are not part of a flow space). */
  public static FlowSpace of(Flow f) {
    return new FlowSpace(f.keys());
  }

  public static FlowSpace where(Field f, IpSet s) {
    requireIp(f);
    return ALL.restrictTo(f, s.ranges());
  }

  public static FlowSpace where(Field f, PortSet s) {
    if (!f.isPort()) {
      throw new InvalidModelException(f + " is not a port field");
    }
    return ALL.restrictTo(f, s.rangeSet());
  }

  public static FlowSpace where(ProtocolSet s) {
    return ALL.restrictTo(Field.PROTOCOL, s.rangeSet());
  }

  private static void requireIp(Field f) {
    if (!f.isIp()) {
      throw new InvalidModelException(f + " is not an address field");
    }
  }

  public FlowSpace restrictTo(Field f, IpSet s) {
    requireIp(f);
    return restrictTo(f, s.ranges());
  }

  public FlowSpace restrictTo(Field f, PortSet s) {
    return intersection(where(f, s));
  }

  public FlowSpace restrictTo(ProtocolSet s) {
    return intersection(where(s));
  }

  /** This space intersected with {@code {f : f.field in keys}}. Engine use. */
  public FlowSpace restrictTo(Field f, RangeSet128 keys) {
    return intersection(ofDiagram(Dd.constrain(f.level(), keys, TRUE, FALSE)));
  }

  public boolean isEmpty() {
    return point == null && dd() == FALSE;
  }

  /** True iff this is every flow. */
  public boolean isAll() {
    return point == null && dd() == TRUE;
  }

  public boolean contains(Flow f) {
    if (point != null) {
      return f.hasKeys(point);
    }
    return (Boolean) Dd.lookup(dd(), f.keys());
  }

  public boolean encloses(FlowSpace o) {
    return o.difference(this).isEmpty();
  }

  public boolean intersects(FlowSpace o) {
    return !intersection(o).isEmpty();
  }

  public FlowSpace union(FlowSpace o) {
    return ofDiagram(Dd.apply(dd(), o.dd(), (a, b) -> (Boolean) a || (Boolean) b));
  }

  public FlowSpace intersection(FlowSpace o) {
    if (o.dd() == TRUE) {
      return this;
    }
    if (dd() == TRUE) {
      return o;
    }
    return ofDiagram(Dd.apply(dd(), o.dd(), (a, b) -> (Boolean) a && (Boolean) b));
  }

  public FlowSpace difference(FlowSpace o) {
    return ofDiagram(Dd.apply(dd(), o.dd(), (a, b) -> (Boolean) a && !(Boolean) b));
  }

  public FlowSpace complement() {
    return ofDiagram(Dd.mapLeaves(dd(), v -> !(Boolean) v));
  }

  /**
   * {@code {f : f[field := key] in this}}: the flows that, once {@code field} is rewritten to the constant
   * {@code key}, are in this space. The result does not depend on {@code field}.
   */
  public FlowSpace fixing(Field field, long hi, long lo) {
    return ofDiagram(Dd.restrict(dd(), field.level(), hi, lo));
  }

  /** The source or destination addresses that occur in some flow of this space. */
  public IpSet ips(Field f) {
    requireIp(f);
    RangeSet128 r = Dd.project(dd(), f.level()).get(Boolean.TRUE);
    return IpSet.ofRanges(r == null ? RangeSet128.EMPTY : r);
  }

  /** The ports of {@code f} that occur in some flow of this space. */
  public PortSet ports(Field f) {
    RangeSet128 r = Dd.project(dd(), f.level()).get(Boolean.TRUE);
    return PortSet.ofRanges(r == null ? RangeSet128.EMPTY : r);
  }

  /** The protocols that occur in some flow of this space. */
  public ProtocolSet protocols() {
    RangeSet128 r = Dd.project(dd(), Field.PROTOCOL.level()).get(Boolean.TRUE);
    return ProtocolSet.ofRanges(r == null ? RangeSet128.EMPTY : r);
  }

  /** Some flow of this space, preferring TCP, or empty. */
  public Optional<Flow> witness() {
    return witness(Flow.of(Protocol.TCP, IpAddress.v4(0), 0, IpAddress.v4(0), 0));
  }

  /** Some flow of this space, agreeing with {@code preferred} on every field the space allows. */
  public Optional<Flow> witness(Flow preferred) {
    long[] k = Dd.witness(dd(), Boolean.TRUE, preferred.keys());
    if (k == null) {
      return Optional.empty();
    }
    int proto = (int) k[2 * Field.PROTOCOL.level() + 1];
    if (Protocol.byNumber(proto).isEmpty()) {
      // an unmodelled protocol number: prefer a named one if the space has any
      for (Protocol p : Protocol.values()) {
        FlowSpace named = restrictTo(ProtocolSet.of(p));
        if (!named.isEmpty()) {
          return named.witness(preferred);
        }
      }
      return Optional.empty();
    }
    return Optional.of(Flow.fromKeys(k, preferred.host(), preferred.path()));
  }

  /** Inner node count of the canonical diagram (a size measure). */
  public int size() {
    return Dd.nodeCount(dd());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowSpace && ((FlowSpace) o).dd() == dd();
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(dd());
  }

  @Override
  public String toString() {
    if (isEmpty()) {
      return "FlowSpace{}";
    }
    if (isAll()) {
      return "FlowSpace{*}";
    }
    return "FlowSpace{protocols=" + protocols() + ", dst=" + ips(Field.DST_IP) + ":" + ports(Field.DST_PORT)
        + ", src=" + ips(Field.SRC_IP) + ":" + ports(Field.SRC_PORT) + "}";
  }
}
