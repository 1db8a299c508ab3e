package io.github.aksreach.core.solver;

/**
 * What a hop did with the flow, as a value.
 *
 * <pre>{@code
 * boolean open = hop.action() != Action.DENIED;
 * }</pre>
 */
public enum Action {
  /** A classifier passed the flow on (a filter allowed it, a router chose where it goes). */
  PERMITTED,
  /** A classifier dropped the flow. */
  DENIED,
  /** A fork sent the flow down one of its weighted branches. */
  FORWARDED,
  /** A rewrite assigned header fields (SNAT, DNAT). */
  TRANSFORMED,
  /** A sink received the flow. */
  DELIVERED
}
