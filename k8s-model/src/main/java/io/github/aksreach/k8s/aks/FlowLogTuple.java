package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.github.aksreach.core.model.Protocol;
import io.vavr.control.Validation;
import java.util.Optional;
import java.util.function.Function;

/**
 * One NSG flow-log tuple (version 1 with 8 fields, version 2 with 13, or with its four counters left off, 9, as
 * tuples are often quoted) or VNet flow-log tuple (13 fields, numeric protocol, flow state D for denied), parsed
 * into the flow it records and the decision.
 *
 * <pre>{@code
 * FlowLogTuple t = FlowLogTuple.parse("1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B,,,,").orElseThrow();
 * t.flow();      // tcp 192.168.1.4:50326 -> 192.168.0.22:80
 * t.denied();    // true
 * t.inbound();   // true
 * }</pre>
 *
 * @param timestamp seconds or milliseconds since the epoch, as logged
 * @param flow the flow
 * @param inbound whether the NSG saw it inbound
 * @param denied whether it was denied
 * @param state the flow state (B, C, E, D), if logged
 */
public record FlowLogTuple(long timestamp, Flow flow, boolean inbound, boolean denied, Optional<String> state) {

  public static Parsed<FlowLogTuple> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, FlowLogTuple> parseResult(String text) {
    return parse(text, IpAddress::parse);
  }

  /** {@link #parse(String)} with the addresses read by {@code ips} (a reader's cache: logs repeat addresses). */
  static Validation<ModelError, FlowLogTuple> parse(String text,
                                                    Function<String, Validation<ModelError, IpAddress>> ips) {
    String t = text.trim();
    // the fields' bounds: field k is t[start[k], start[k + 1] - 1); a tuple is read millions of times, so the
    // numbers and single letters are read in place and only the two addresses become strings
    int n = 1;
    for (int i = t.indexOf(','); i >= 0; i = t.indexOf(',', i + 1)) {
      n++;
    }
    if (n != 8 && n != 9 && n != 13) {
      return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': expected 8, 9 or 13 fields, found %d",
          text, n));
    }
    int[] start = new int[n + 1];
    for (int k = 1; k < n; k++) {
      start[k] = t.indexOf(',', start[k - 1]) + 1;
    }
    start[n] = t.length() + 1;
    Fields f = new Fields(t, start);
    try {
      long ts = f.number(0);
      Validation<ModelError, IpAddress> src = address(f, 1, ips);
      Validation<ModelError, IpAddress> dst = address(f, 2, ips);
      if (src.isInvalid() || dst.isInvalid()) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': %s", text,
            src.isInvalid() ? src.getError().message() : dst.getError().message()));
      }
      if (src.get().family() != dst.get().family()) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': source and destination are of "
            + "different address families", text));
      }
      long sp = f.number(3);
      long dp = f.number(4);
      if (sp < 0 || sp > 65535 || dp < 0 || dp > 65535) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': ports must be 0 to 65535", text));
      }
      boolean vnetFlowLog = f.length(5) > 0 && f.digits(5);
      Optional<Protocol> proto = protocol(f, vnetFlowLog);
      if (proto.isEmpty()) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': protocol '%s' (T, U, or an IANA number "
            + "of TCP, UDP, ICMP, ICMPv6, ESP, AH or SCTP)", text, f.text(5)));
      }
      if (!f.is(6, 'I') && !f.is(6, 'O')) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': direction '%s' (I or O)", text,
            f.text(6)));
      }
      boolean inbound = f.is(6, 'I');
      boolean denied;
      Optional<String> state;
      if (vnetFlowLog) {
        if (f.length(7) != 1 || "BCED".indexOf(t.charAt(start[7])) < 0) {
          return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': flow state '%s' (B, C, E or D)",
              text, f.text(7)));
        }
        state = Optional.of(f.letter(7));
        denied = f.is(7, 'D');
      } else {
        if (!f.is(7, 'A') && !f.is(7, 'D')) {
          return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': decision '%s' (A or D)", text,
              f.text(7)));
        }
        denied = f.is(7, 'D');
        state = n >= 9 ? Optional.of(f.length(8) == 1 ? f.letter(8) : f.text(8)) : Optional.empty();
      }
      Flow flow = proto.get().hasPorts() ? Flow.of(proto.get(), src.get(), (int) sp, dst.get(), (int) dp)
          : Flow.of(proto.get(), src.get(), 0, dst.get(), 0);
      return Validation.valid(new FlowLogTuple(ts, flow, inbound, denied, state));
    } catch (NumberFormatException e) {
      return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': %s", text, e.getMessage()));
    } catch (io.github.aksreach.core.model.InvalidModelException e) {
      return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': %s", text, e.getMessage()));
    }
  }

  /**
   * Field {@code k} as an address: a plain dotted quad ({@code 192.168.1.4}: four decimal octets of at most 255, no
   * leading zero, nothing around them) is read in place, to the value {@link IpAddress#parse} reads from it; anything
   * else (IPv6, blanks, a leading zero, a bad octet) is read by {@code ips}, which also words the problem.
   */
  private static Validation<ModelError, IpAddress> address(Fields f, int k,
                                                           Function<String, Validation<ModelError, IpAddress>> ips) {
    long v = f.dottedQuad(k);
    return v >= 0 ? Validation.valid(IpAddress.v4(v)) : ips.apply(f.text(k));
  }

  /** One-letter fields as shared strings (a state such as {@code B} is kept with every tuple). */
  private static final String[] LETTERS = new String[128];

  /** The same letters as flow states, shared by the tuples read in place ({@link #plain(byte[], int, int)}). */
  @SuppressWarnings("unchecked")
  private static final Optional<String>[] STATES = new Optional[128];

  static {
    for (char c = 0; c < 128; c++) {
      LETTERS[c] = String.valueOf(c).intern();
      STATES[c] = Optional.of(LETTERS[c]);
    }
  }

  /** The fields of one tuple, read in place. */
  private record Fields(String t, int[] start) {
    int length(int k) {
      return start[k + 1] - 1 - start[k];
    }

    String text(int k) {
      return t.substring(start[k], start[k + 1] - 1);
    }

    boolean is(int k, char c) {
      return length(k) == 1 && t.charAt(start[k]) == c;
    }

    String letter(int k) {
      char c = t.charAt(start[k]);
      return c < 128 ? LETTERS[c] : String.valueOf(c);
    }

    /** The value of a plain dotted quad in field {@code k}, or -1 when the field is anything else. */
    long dottedQuad(int k) {
      return IpAddress.dottedQuad(t, start[k], start[k + 1] - 1);
    }

    boolean digits(int k) {
      for (int i = start[k]; i < start[k + 1] - 1; i++) {
        if (!Character.isDigit(t.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    /** ASCII digits without a leading zero, at most {@code max} of them: a number as IANA writes it. */
    boolean plainNumber(int k, int max) {
      if (length(k) < 1 || length(k) > max || (length(k) > 1 && t.charAt(start[k]) == '0')) {
        return false;
      }
      for (int i = start[k]; i < start[k + 1] - 1; i++) {
        if (t.charAt(i) < '0' || t.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    /** A decimal field as {@link Long#parseLong} reads it (the same errors, with the field's text). */
    long number(int k) {
      int from = start[k];
      int to = start[k + 1] - 1;
      if (to - from < 1 || to - from > 18) {
        return Long.parseLong(text(k));
      }
      long v = 0;
      for (int i = from; i < to; i++) {
        char c = t.charAt(i);
        if (c < '0' || c > '9') {
          return Long.parseLong(text(k));
        }
        v = v * 10 + (c - '0');
      }
      return v;
    }
  }

  /**
   * Whether the ASCII bytes {@code b[from, to)} are a tuple {@link #parse(String)} surely reads without a problem, in
   * its plain shape only: 8, 9 or 13 fields, a timestamp of 1 to 18 digits, two plain dotted quads, ports of 1 to 5
   * digits up to 65535, {@code T}, {@code U} or an IANA number the model knows, {@code I} or {@code O}, and the
   * decision ({@code A} or {@code D}) or, after a numeric protocol, the flow state ({@code B}, {@code C}, {@code E}
   * or {@code D}); no blank at either end. False says nothing (the tuple may still be good: IPv6, signs, blanks);
   * the fast check of a flow log then leaves it to {@link #parse(String)}, which words any problem.
   */
  static boolean plainValid(byte[] b, int from, int to) {
    return plain(b, from, to, false) != null;
  }

  /**
   * The tuple of {@link #plainValid} bytes, equal to what {@link #parse(String)} reads from their text; null when
   * they are not plain.
   */
  static FlowLogTuple plain(byte[] b, int from, int to) {
    return plain(b, from, to, true);
  }

  /** A plain tuple's value: the tuple itself when {@code make}, else a shared marker; null when not plain. */
  private static FlowLogTuple plain(byte[] b, int from, int to, boolean make) {
    if (to - from < 15 || b[from] <= ' ' || b[to - 1] <= ' ') {
      return null;
    }
    // fields 0 to 7 are read strictly (a field missing ends beyond 'to' and fails its check); only the fields after
    // them are counted and looked at for control characters and bytes of characters beyond ASCII (negative)
    int e0 = field(b, from, to);
    if (e0 - from < 1 || e0 - from > 18 || !asciiDigits(b, from, e0)) {
      return null;
    }
    int e1 = field(b, e0 + 1, to);
    long src = dottedQuad(b, e0 + 1, e1);
    int e2 = field(b, e1 + 1, to);
    long dst = dottedQuad(b, e1 + 1, e2);
    int e3 = field(b, e2 + 1, to);
    int e4 = field(b, e3 + 1, to);
    if (src < 0 || dst < 0 || !port(b, e2 + 1, e3) || !port(b, e3 + 1, e4)) {
      return null;
    }
    int e5 = field(b, e4 + 1, to);
    int p = e4 + 1;
    Protocol proto;
    if (e5 - p == 1 && (b[p] == 'T' || b[p] == 'U')) {
      proto = b[p] == 'T' ? Protocol.TCP : Protocol.UDP;
    } else if (e5 - p >= 1 && e5 - p <= 3 && b[p] != '0' && asciiDigits(b, p, e5)) {
      proto = Protocol.byNumber((int) decimal(b, p, e5)).orElse(null);
    } else {
      return null;
    }
    boolean vnet = b[p] != 'T' && b[p] != 'U';
    int e6 = field(b, e5 + 1, to);
    int e7 = field(b, e6 + 1, to);
    if (proto == null || e6 - e5 != 2 || e7 - e6 != 2) {
      return null;
    }
    int n = 8;
    for (int i = e7; i < to; i++) {
      if (b[i] == ',') {
        n++;
      } else if (b[i] < ' ') {
        return null;
      }
    }
    if (n != 8 && n != 9 && n != 13) {
      return null;
    }
    byte dir = b[e5 + 1];
    byte last = b[e6 + 1];
    if (dir != 'I' && dir != 'O'
        || (vnet ? last != 'B' && last != 'C' && last != 'E' && last != 'D' : last != 'A' && last != 'D')) {
      return null;
    }
    if (!make) {
      return PLAIN;
    }
    Optional<String> state;
    if (vnet) {
      state = STATES[last];
    } else if (n >= 9) {
      int e8 = field(b, e7 + 1, to);
      state = e8 - e7 == 2 ? STATES[b[e7 + 1]]
          : Optional.of(new String(b, e7 + 1, e8 - e7 - 1, java.nio.charset.StandardCharsets.ISO_8859_1));
    } else {
      state = Optional.empty();
    }
    boolean ported = proto.hasPorts();
    Flow flow = Flow.of(proto, IpAddress.v4(src), ported ? (int) decimal(b, e2 + 1, e3) : 0, IpAddress.v4(dst),
        ported ? (int) decimal(b, e3 + 1, e4) : 0);
    return new FlowLogTuple(decimal(b, from, e0), flow, dir == 'I', last == 'D', state);
  }

  /** What {@link #plainValid} is told by {@link #plain(byte[], int, int, boolean)} when no tuple is made. */
  private static final FlowLogTuple PLAIN = new FlowLogTuple(0, Flow.of(Protocol.TCP, IpAddress.v4(0), 0,
      IpAddress.v4(0), 0), true, true, Optional.empty());

  /** The end of the field starting at {@code i}: the next comma, or {@code to}. */
  private static int field(byte[] b, int i, int to) {
    while (i < to && b[i] != ',') {
      i++;
    }
    return i;
  }

  private static boolean port(byte[] b, int from, int to) {
    return to - from >= 1 && to - from <= 5 && asciiDigits(b, from, to) && decimal(b, from, to) <= 65535;
  }

  private static boolean asciiDigits(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }

  private static long decimal(byte[] b, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }

  /**
   * The value of a plain dotted quad in {@code b[from, to)}, as {@link IpAddress#dottedQuad} reads one from characters
   * (four octets of at most 255, no leading zero), or -1.
   */
  private static long dottedQuad(byte[] b, int from, int to) {
    int i = from;
    long v = 0;
    for (int octet = 0; octet < 4; octet++) {
      int start = i;
      int o = 0;
      while (i < to && i - start < 3 && b[i] >= '0' && b[i] <= '9') {
        o = o * 10 + (b[i] - '0');
        i++;
      }
      if (i == start || o > 255 || i - start > 1 && b[start] == '0') {
        return -1;
      }
      v = (v << 8) | o;
      if (octet < 3) {
        if (i >= to || b[i] != '.') {
          return -1;
        }
        i++;
      }
    }
    return i == to ? v : -1;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code T}/{@code U} (NSG flow logs) or an IANA protocol number (VNet flow logs) the model knows. */
  private static Optional<Protocol> protocol(Fields f, boolean number) {
    if (f.is(5, 'T')) {
      return Optional.of(Protocol.TCP);
    }
    if (f.is(5, 'U')) {
      return Optional.of(Protocol.UDP);
    }
    if (number && f.plainNumber(5, 3)) {
      return Protocol.byNumber((int) f.number(5));
    }
    return Optional.empty();
  }
}
