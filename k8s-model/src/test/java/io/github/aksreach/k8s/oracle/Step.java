package io.github.aksreach.k8s.oracle;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one branch of the oracle's walk: the header as the current hop sees it, the branch's weight, and the
 * steps so far.
 *
 * <pre>{@code
 * Step s = Step.start(flow).then("client outside the VNet").fork(Fraction.of(1, 3), "backend node-0");
 * }</pre>
 *
 * @param seen the header now
 * @param weight the product of the branch weights so far
 * @param trail the steps, in words
 */
record Step(Flow seen, Fraction weight, List<String> trail) {
  static Step start(Flow f) {
    return new Step(f, Fraction.ONE, List.of());
  }

  Step then(String what) {
    List<String> t = new ArrayList<>(trail);
    t.add(what);
    return new Step(seen, weight, t);
  }

  Step fork(Fraction w, String what) {
    return new Step(seen, weight.times(w), trail).then(what);
  }

  Step dst(IpAddress ip, int port) {
    return new Step(seen.withDst(ip, port), weight, trail);
  }

  Step src(IpAddress ip) {
    return new Step(seen.withSrc(ip, seen.srcPort()), weight, trail);
  }
}
