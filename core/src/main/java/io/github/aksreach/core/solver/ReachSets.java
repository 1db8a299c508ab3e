package io.github.aksreach.core.solver;

import io.github.aksreach.core.model.IpSet;

/**
 * Who reaches: the queried source addresses split by verdict. The three sets are disjoint and cover the query.
 *
 * <pre>{@code
 * ReachSets r = tree.reachBySource();
 * r.always().toCidrs();      // [192.168.1.4/32]
 * r.sometimes();             // sources that reach on some paths only
 * r.never();                 // everything else queried
 * }</pre>
 *
 * @param always sources every flow of which is delivered on every path
 * @param sometimes sources with some delivered weight, but not all
 * @param never sources none of whose flows is ever delivered
 */
public record ReachSets(IpSet always, IpSet sometimes, IpSet never) {}
