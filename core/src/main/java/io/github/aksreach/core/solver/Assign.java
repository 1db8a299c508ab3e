package io.github.aksreach.core.solver;

import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.IpAddress;

/**
 * A constant assignment to one header field: what SNAT and DNAT do.
 *
 * <pre>{@code
 * List<Assign> dnat = List.of(Assign.dstIp(IpAddress.of("10.244.2.2")), Assign.dstPort(80));
 * Assign snat = Assign.srcIp(IpAddress.of("192.168.0.4"));
 * }</pre>
 *
 * @param field the rewritten field
 * @param hi high word of the new key
 * @param lo low word of the new key
 */
public record Assign(Field field, long hi, long lo) {
  public static Assign srcIp(IpAddress a) {
    return new Assign(Field.SRC_IP, a.hi(), a.lo());
  }

  public static Assign dstIp(IpAddress a) {
    return new Assign(Field.DST_IP, a.hi(), a.lo());
  }

  public static Assign srcPort(int p) {
    return new Assign(Field.SRC_PORT, 0, p);
  }

  public static Assign dstPort(int p) {
    return new Assign(Field.DST_PORT, 0, p);
  }

  // written out: the record's own equality goes through method handles, which the launcher's C1 compiler does not
  // inline, and the solver hashes rewrites for every rule it classifies under them
  @Override
  public boolean equals(Object o) {
    return o instanceof Assign && ((Assign) o).field == field && ((Assign) o).hi == hi && ((Assign) o).lo == lo;
  }

  @Override
  public int hashCode() {
    return (field.hashCode() * 31 + Long.hashCode(hi)) * 31 + Long.hashCode(lo);
  }

  @Override
  public String toString() {
    return field + ":=" + (field.isIp() ? IpAddress.ofKey(hi, lo).toString() : Long.toString(lo));
  }
}
