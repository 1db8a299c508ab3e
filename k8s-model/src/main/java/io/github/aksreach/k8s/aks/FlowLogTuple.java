package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Protocol;
import io.vavr.control.Validation;
import java.util.Optional;

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

  public static Validation<ModelError, FlowLogTuple> parse(String text) {
    String[] f = text.trim().split(",", -1);
    if (f.length != 8 && f.length != 9 && f.length != 13) {
      return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': expected 8, 9 or 13 fields, found %d",
          text, f.length));
    }
    try {
      long ts = Long.parseLong(f[0]);
      Validation<ModelError, IpAddress> src = IpAddress.parse(f[1]);
      Validation<ModelError, IpAddress> dst = IpAddress.parse(f[2]);
      if (src.isInvalid() || dst.isInvalid()) {
        return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': %s", text,
            src.isInvalid() ? src.getError().message() : dst.getError().message()));
      }
      int sp = Integer.parseInt(f[3]);
      int dp = Integer.parseInt(f[4]);
      Protocol proto;
      switch (f[5]) {
        case "T":
        case "6":
          proto = Protocol.TCP;
          break;
        case "U":
        case "17":
          proto = Protocol.UDP;
          break;
        default:
          return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': protocol '%s'", text, f[5]));
      }
      boolean inbound = f[6].equals("I");
      boolean vnetFlowLog = f[5].chars().allMatch(Character::isDigit);
      boolean denied;
      Optional<String> state;
      if (vnetFlowLog) {
        state = Optional.of(f[7]);
        denied = f[7].equals("D");
      } else {
        denied = f[7].equals("D");
        state = f.length >= 9 ? Optional.of(f[8]) : Optional.empty();
      }
      return Validation.valid(new FlowLogTuple(ts, Flow.of(proto, src.get(), sp, dst.get(), dp), inbound, denied,
          state));
    } catch (NumberFormatException e) {
      return Validation.invalid(ModelError.of("invalid flow-log tuple '%s': %s", text, e.getMessage()));
    }
  }
}
