package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.solver.HopKind;

/**
 * The kind of NSG hops and of the drops they make.
 *
 * <pre>{@code
 * path.drop().filter(d -> d.kind() == NsgHopKind.NSG).ifPresent(d -> System.out.println(d.rule()));
 * }</pre>
 */
public enum NsgHopKind implements HopKind {
  /** A network security group (or its absence) on a subnet or NIC. */
  NSG
}
