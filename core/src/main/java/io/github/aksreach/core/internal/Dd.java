package io.github.aksreach.core.internal;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * A hash-consed multi-terminal <em>interval decision diagram</em>: the exact, canonical engine behind flow spaces,
 * first-match rule indexes and delivered-fraction maps.
 *
 * <p>Levels are header fields in a fixed order; a node at level {@code l} splits that field's key domain into
 * contiguous segments, each leading to a child that may only test deeper levels. Canonical form: adjacent segments
 * have distinct children, no node has a single segment (the field is then skipped), and every node is interned, so
 * two diagrams denote the same function iff they are the same object.
 */
public abstract class Dd {
  /** Number of levels: protocol, dst IP, dst port, src IP, src port. */
  public static final int LEVELS = 5;

  static final long[] MAX_HI = {0, -1L, 0, -1L, 0};
  static final long[] MAX_LO = {255, -1L, 65535, -1L, 65535};

  private static final RangeSet128[] FULL = new RangeSet128[LEVELS];

  static {
    for (int l = 0; l < LEVELS; l++) {
      FULL[l] = RangeSet128.range(0, 0, MAX_HI[l], MAX_LO[l]);
    }
  }

  /** The whole key domain of a level, as a range set (a shared immutable instance). */
  public static RangeSet128 fullRange(int level) {
    return FULL[level];
  }

  /**
   * The interning table: every live diagram, weakly held, keyed by structure. A concurrent map, so threads that
   * build diagrams at the same time do not queue on one lock: look-ups take no lock, an insertion locks one bin.
   * Entries of collected diagrams are removed when their reference is enqueued.
   */
  private static final ConcurrentHashMap<Object, WeakKey> TABLE = new ConcurrentHashMap<>(1 << 12);
  private static final ReferenceQueue<Dd> COLLECTED = new ReferenceQueue<>();
  // the Boolean terminals are held for ever, so they are found without a trip through the interning table
  private static final Dd TRUE_LEAF = intern(new Leaf(Boolean.TRUE));
  private static final Dd FALSE_LEAF = intern(new Leaf(Boolean.FALSE));

  private Dd() {}

  /** A stored key: the diagram, weakly; equal to a {@link Probe} of an equal live diagram, else only to itself. */
  private static final class WeakKey extends WeakReference<Dd> {
    private final int hash;

    WeakKey(Dd d) {
      super(d, COLLECTED);
      this.hash = d.hashCode();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      Dd mine = get();
      return mine != null && o instanceof WeakKey && mine.equals(((WeakKey) o).get());
    }
  }

  /** A look-up key for {@code d}, equal to the stored key of an equal live diagram. */
  private static final class Probe {
    private final Dd d;

    Probe(Dd d) {
      this.d = d;
    }

    @Override
    public int hashCode() {
      return d.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof WeakKey)) {
        return false;
      }
      Dd other = ((WeakKey) o).get();
      return other != null && d.equals(other);
    }
  }

  /** The canonical diagram equal to {@code d}: an existing one, or {@code d} itself, now interned. */
  static Dd intern(Dd d) {
    for (Reference<? extends Dd> r; (r = COLLECTED.poll()) != null; ) {
      TABLE.remove(r, r);
    }
    Probe probe = new Probe(d);
    while (true) {
      WeakKey found = TABLE.get(probe);
      if (found != null) {
        Dd existing = found.get();
        if (existing != null) {
          return existing;
        }
        TABLE.remove(found, found);   // collected between the look-up and now: its entry goes
        continue;
      }
      WeakKey mine = new WeakKey(d);
      WeakKey raced = TABLE.putIfAbsent(mine, mine);
      if (raced == null) {
        return d;
      }
      Dd existing = raced.get();   // another thread interned an equal diagram first
      if (existing != null) {
        mine.clear();
        return existing;
      }
      TABLE.remove(raced, raced);
    }
  }

  /** The terminal for {@code value}. */
  public static Dd leaf(Object value) {
    if (value instanceof Boolean) {
      return (Boolean) value ? TRUE_LEAF : FALSE_LEAF;
    }
    return intern(new Leaf(value));
  }

  public abstract boolean isLeaf();

  /** Level of a node, or {@link #LEVELS} for a leaf. */
  public abstract int level();

  // ---------------------------------------------------------------- leaves

  /** A terminal. */
  public static final class Leaf extends Dd {
    final Object value;

    Leaf(Object value) {
      this.value = Objects.requireNonNull(value);
    }

    public Object value() {
      return value;
    }

    @Override
    public boolean isLeaf() {
      return true;
    }

    @Override
    public int level() {
      return LEVELS;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Leaf && ((Leaf) o).value.equals(value);
    }

    @Override
    public int hashCode() {
      return value.hashCode();
    }

    @Override
    public String toString() {
      return String.valueOf(value);
    }
  }

  // ---------------------------------------------------------------- inner nodes

  /** An inner node: segment starts (the first segment starts at key 0) and children. */
  public static final class Node extends Dd {
    final int level;
    final long[] starts; // 2 longs (hi, lo) per segment, segment 0 starts at 0:0
    final Dd[] children;
    private final int hash;

    Node(int level, long[] starts, Dd[] children) {
      this.level = level;
      this.starts = starts;
      this.children = children;
      int h = level;
      h = 31 * h + Arrays.hashCode(starts);
      for (Dd c : children) {
        h = 31 * h + System.identityHashCode(c);
      }
      this.hash = h;
    }

    @Override
    public boolean isLeaf() {
      return false;
    }

    @Override
    public int level() {
      return level;
    }

    public int segments() {
      return children.length;
    }

    public Dd child(int i) {
      return children[i];
    }

    public long startHi(int i) {
      return starts[2 * i];
    }

    public long startLo(int i) {
      return starts[2 * i + 1];
    }

    /** End of segment i (inclusive). */
    public long endHi(int i) {
      return i + 1 < children.length ? U128.decHi(starts[2 * i + 2], starts[2 * i + 3]) : MAX_HI[level];
    }

    public long endLo(int i) {
      return i + 1 < children.length ? U128.decLo(starts[2 * i + 3]) : MAX_LO[level];
    }

    int find(long hi, long lo) {
      int a = 0;
      int b = children.length - 1;
      while (a < b) {
        int m = (a + b + 1) >>> 1;
        if (U128.compare(starts[2 * m], starts[2 * m + 1], hi, lo) <= 0) {
          a = m;
        } else {
          b = m - 1;
        }
      }
      return a;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Node)) {
        return false;
      }
      Node n = (Node) o;
      if (n.hash != hash || n.level != level || n.children.length != children.length) {
        return false;
      }
      for (int i = 0; i < children.length; i++) {
        if (n.children[i] != children[i]) {
          return false;
        }
      }
      return Arrays.equals(n.starts, starts);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("L").append(level).append('{');
      for (int i = 0; i < children.length; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(RangeSet128.toBig(startHi(i), startLo(i))).append("..: ").append(children[i]);
      }
      return sb.append('}').toString();
    }
  }

  /** Builds a canonical node from segments given in ascending start order (first start must be 0). */
  static Dd mk(int level, long[] starts, int n, Dd[] children) {
    long[] s = new long[2 * n];
    Dd[] c = new Dd[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (k > 0 && c[k - 1] == children[i]) {
        continue;
      }
      s[2 * k] = starts[2 * i];
      s[2 * k + 1] = starts[2 * i + 1];
      c[k] = children[i];
      k++;
    }
    if (k == 1) {
      return c[0];
    }
    return intern(new Node(level, Arrays.copyOf(s, 2 * k), Arrays.copyOf(c, k)));
  }

  /** The diagram that is {@code inside} where field {@code level} is in {@code set}, else {@code outside}. */
  public static Dd constrain(int level, RangeSet128 set, Dd inside, Dd outside) {
    if (inside == outside) {
      return inside;
    }
    RangeSet128 s = set.intersection(FULL[level]);
    long[] starts = new long[4 * s.size() + 4];
    Dd[] ch = new Dd[2 * s.size() + 2];
    int n = 0;
    long curHi = 0;
    long curLo = 0;
    boolean done = false;
    for (int i = 0; i < s.size(); i++) {
      if (U128.compare(s.startHi(i), s.startLo(i), curHi, curLo) > 0) {
        starts[2 * n] = curHi;
        starts[2 * n + 1] = curLo;
        ch[n++] = outside;
      }
      starts[2 * n] = s.startHi(i);
      starts[2 * n + 1] = s.startLo(i);
      ch[n++] = inside;
      if (U128.compare(s.endHi(i), s.endLo(i), MAX_HI[level], MAX_LO[level]) >= 0) {
        done = true;
        break;
      }
      curHi = U128.incHi(s.endHi(i), s.endLo(i));
      curLo = U128.incLo(s.endLo(i));
    }
    if (!done) {
      starts[2 * n] = curHi;
      starts[2 * n + 1] = curLo;
      ch[n++] = outside;
    }
    return mk(level, starts, n, ch);
  }

  /**
   * The diagram that is {@code inside} at exactly one point and {@code outside} elsewhere; {@code keys} holds
   * (hi, lo) for each level. Built directly, one node per level, without a pass through {@link #apply}.
   */
  public static Dd point(long[] keys, Dd inside, Dd outside) {
    if (inside == outside) {
      return inside;
    }
    Dd d = inside;
    long[] starts = new long[6];
    Dd[] ch = new Dd[3];
    for (int level = LEVELS - 1; level >= 0; level--) {
      long hi = keys[2 * level];
      long lo = keys[2 * level + 1];
      int n = 0;
      if (hi != 0 || lo != 0) {
        starts[2 * n] = 0;
        starts[2 * n + 1] = 0;
        ch[n++] = outside;
      }
      starts[2 * n] = hi;
      starts[2 * n + 1] = lo;
      ch[n++] = d;
      if (U128.compare(hi, lo, MAX_HI[level], MAX_LO[level]) < 0) {
        starts[2 * n] = U128.incHi(hi, lo);
        starts[2 * n + 1] = U128.incLo(lo);
        ch[n++] = outside;
      }
      d = mk(level, starts, n, ch);
    }
    return d;
  }

  // ---------------------------------------------------------------- operations

  /** Pointwise combination of two diagrams; {@code op} combines leaf values. */
  public static Dd apply(Dd a, Dd b, BinaryOperator<Object> op) {
    return new DdApply(op).go(a, b);
  }


  /** Maps every leaf value through {@code f}. */
  public static Dd mapLeaves(Dd d, UnaryOperator<Object> f) {
    return mapLeaves(d, f, new IdentityHashMap<>());
  }

  private static Dd mapLeaves(Dd d, UnaryOperator<Object> f, Map<Dd, Dd> memo) {
    if (d.isLeaf()) {
      return leaf(f.apply(((Leaf) d).value));
    }
    Dd cached = memo.get(d);
    if (cached != null) {
      return cached;
    }
    Node n = (Node) d;
    Dd[] ch = new Dd[n.children.length];
    for (int i = 0; i < ch.length; i++) {
      ch[i] = mapLeaves(n.children[i], f, memo);
    }
    Dd r = mk(n.level, n.starts, ch.length, ch);
    memo.put(d, r);
    return r;
  }

  /**
   * Cofactor: the diagram with field {@code level} fixed to {@code key}, which then no longer depends on that field.
   */
  public static Dd restrict(Dd d, int level, long hi, long lo) {
    return restrict(d, level, hi, lo, new IdentityHashMap<>());
  }

  private static Dd restrict(Dd d, int level, long hi, long lo, Map<Dd, Dd> memo) {
    if (d.level() > level) {
      return d;
    }
    Node n = (Node) d;
    if (n.level == level) {
      return n.children[n.find(hi, lo)];
    }
    Dd cached = memo.get(d);
    if (cached != null) {
      return cached;
    }
    Dd[] ch = new Dd[n.children.length];
    for (int i = 0; i < ch.length; i++) {
      ch[i] = restrict(n.children[i], level, hi, lo, memo);
    }
    Dd r = mk(n.level, n.starts, ch.length, ch);
    memo.put(d, r);
    return r;
  }

  /** The leaf value at a point; {@code keys} holds (hi, lo) for each level. */
  public static Object lookup(Dd d, long[] keys) {
    while (!d.isLeaf()) {
      Node n = (Node) d;
      d = n.children[n.find(keys[2 * n.level], keys[2 * n.level + 1])];
    }
    return ((Leaf) d).value;
  }

  /** Distinct leaf values reachable from {@code d}, in first-seen order. */
  public static List<Object> leafValues(Dd d) {
    LinkedHashMap<Object, Boolean> out = new LinkedHashMap<>();
    collect(d, out, new IdentityHashMap<>());
    return new ArrayList<>(out.keySet());
  }

  private static void collect(Dd d, Map<Object, Boolean> out, Map<Dd, Boolean> seen) {
    if (seen.put(d, Boolean.TRUE) != null) {
      return;
    }
    if (d.isLeaf()) {
      out.put(((Leaf) d).value, Boolean.TRUE);
      return;
    }
    for (Dd c : ((Node) d).children) {
      collect(c, out, seen);
    }
  }

  /**
   * For each leaf value, the keys of field {@code level} for which some assignment of the other fields leads to
   * that value (an existential projection per value).
   */
  public static Map<Object, RangeSet128> project(Dd d, int level) {
    return new Project(level).go(d);
  }

  private static final class Project {
    private final int level;
    private final Map<Dd, Map<Object, RangeSet128>> memo = new IdentityHashMap<>();
    private final RangeSet128 full;

    Project(int level) {
      this.level = level;
      this.full = FULL[level];
    }

    Map<Object, RangeSet128> go(Dd d) {
      Map<Object, RangeSet128> cached = memo.get(d);
      if (cached != null) {
        return cached;
      }
      Map<Object, RangeSet128> out = new LinkedHashMap<>();
      if (d.level() > level) {
        for (Object v : leafValues(d)) {
          out.put(v, full);
        }
      } else {
        Node n = (Node) d;
        if (n.level == level) {
          for (int i = 0; i < n.children.length; i++) {
            RangeSet128 seg = RangeSet128.range(n.startHi(i), n.startLo(i), n.endHi(i), n.endLo(i));
            for (Object v : leafValues(n.children[i])) {
              out.merge(v, seg, RangeSet128::union);
            }
          }
        } else {
          for (Dd c : n.children) {
            for (Map.Entry<Object, RangeSet128> e : go(c).entrySet()) {
              out.merge(e.getKey(), e.getValue(), RangeSet128::union);
            }
          }
        }
      }
      memo.put(d, out);
      return out;
    }
  }

  /**
   * Some point whose value is {@code value}, as (hi, lo) per level, preferring {@code preferred} keys where the
   * diagram allows them; {@code null} if no point has that value.
   */
  public static long[] witness(Dd d, Object value, long[] preferred) {
    long[] keys = preferred.clone();
    return witness(d, value, keys, new IdentityHashMap<>()) ? keys : null;
  }

  private static boolean witness(Dd d, Object value, long[] keys, Map<Dd, Boolean> dead) {
    if (d.isLeaf()) {
      return ((Leaf) d).value.equals(value);
    }
    if (dead.containsKey(d)) {
      return false;
    }
    Node n = (Node) d;
    int pref = n.find(keys[2 * n.level], keys[2 * n.level + 1]);
    if (witness(n.children[pref], value, keys, dead)) {
      return true;
    }
    for (int i = 0; i < n.children.length; i++) {
      if (i != pref && witness(n.children[i], value, keys, dead)) {
        keys[2 * n.level] = n.startHi(i);
        keys[2 * n.level + 1] = n.startLo(i);
        return true;
      }
    }
    dead.put(d, Boolean.TRUE);
    return false;
  }

  /** Number of distinct inner nodes (a size measure for benchmarks and tests). */
  public static int nodeCount(Dd d) {
    Map<Dd, Boolean> seen = new IdentityHashMap<>();
    count(d, seen);
    return seen.size();
  }

  private static void count(Dd d, Map<Dd, Boolean> seen) {
    if (d.isLeaf() || seen.put(d, Boolean.TRUE) != null) {
      return;
    }
    for (Dd c : ((Node) d).children) {
      count(c, seen);
    }
  }
}
