package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Protocol;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One NSG flow-log tuple (version 1 with 8 fields, version 2 with 13, or with its four counters left off, 9, as
 * tuples are often quoted) or VNet flow-log tuple (13 fields, numeric protocol, flow state D for denied), parsed
 * into the flow it records and the decision.
 *
 * <pre>{@code
 * FlowLogTuple t = FlowLogTuple.parse("1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B,,,,").get();
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
  private static final List<String> STATES = List.of("B", "C", "E", "D");

  public static Validation<ModelError, FlowLogTuple> parse(String text) {
    return parse(text, IpAddress::parse);
  }

  /** {@link #parse(String)} with the addresses read by {@code ips} (a reader's cache: logs repeat addresses). */
  static Validation<ModelError, FlowLogTuple> parse(String text,
                                                    Function<String, Validation<ModelError, IpAddress>> ips) {
    String[] f = fields(text.trim());
    if (f.length != 8 && f.length != 9 && f.length != 13) {
      return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': expected 8, 9 or 13 fields, found %d",
          text, f.length));
    }
    try {
      long ts = Long.parseLong(f[0]);
      Validation<ModelError, IpAddress> src = ips.apply(f[1]);
      Validation<ModelError, IpAddress> dst = ips.apply(f[2]);
      if (src.isInvalid() || dst.isInvalid()) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': %s", text,
            src.isInvalid() ? src.getError().message() : dst.getError().message()));
      }
      if (src.get().family() != dst.get().family()) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': source and destination are of "
            + "different address families", text));
      }
      int sp = Integer.parseInt(f[3]);
      int dp = Integer.parseInt(f[4]);
      if (sp < 0 || sp > 65535 || dp < 0 || dp > 65535) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': ports must be 0 to 65535", text));
      }
      boolean vnetFlowLog = !f[5].isEmpty() && allDigits(f[5]);
      Optional<Protocol> proto = protocol(f[5]);
      if (proto.isEmpty()) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': protocol '%s' (T, U, or an IANA number "
            + "of TCP, UDP, ICMP, ICMPv6, ESP, AH or SCTP)", text, f[5]));
      }
      if (!f[6].equals("I") && !f[6].equals("O")) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': direction '%s' (I or O)", text, f[6]));
      }
      boolean inbound = f[6].equals("I");
      boolean denied;
      Optional<String> state;
      if (vnetFlowLog) {
        if (!STATES.contains(f[7])) {
          return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': flow state '%s' (B, C, E or D)",
              text, f[7]));
        }
        state = Optional.of(f[7]);
        denied = f[7].equals("D");
      } else {
        if (!f[7].equals("A") && !f[7].equals("D")) {
          return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': decision '%s' (A or D)", text, f[7]));
        }
        denied = f[7].equals("D");
        state = f.length >= 9 ? Optional.of(f[8]) : Optional.empty();
      }
      boolean ported = proto.get() == Protocol.TCP || proto.get() == Protocol.UDP || proto.get() == Protocol.SCTP;
      Flow flow = ported ? Flow.of(proto.get(), src.get(), sp, dst.get(), dp)
          : Flow.of(proto.get(), src.get(), 0, dst.get(), 0);
      return Validation.valid(new FlowLogTuple(ts, flow, inbound, denied, state));
    } catch (NumberFormatException e) {
      return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': %s", text, e.getMessage()));
    } catch (io.github.aksreach.core.model.InvalidModelException e) {
      return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': %s", text, e.getMessage()));
    }
  }

  /** {@code t.split(",", -1)} without the list it builds: tuples are split millions of times. */
  private static String[] fields(String t) {
    int n = 1;
    for (int i = t.indexOf(','); i >= 0; i = t.indexOf(',', i + 1)) {
      n++;
    }
    String[] f = new String[n];
    int from = 0;
    for (int k = 0; k < n - 1; k++) {
      int comma = t.indexOf(',', from);
      f[k] = t.substring(from, comma);
      from = comma + 1;
    }
    f[n - 1] = t.substring(from);
    return f;
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
  private static Optional<Protocol> protocol(String field) {
    if (field.equals("T")) {
      return Optional.of(Protocol.TCP);
    }
    if (field.equals("U")) {
      return Optional.of(Protocol.UDP);
    }
    for (Protocol p : Protocol.values()) {
      if (String.valueOf(p.number()).equals(field)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
