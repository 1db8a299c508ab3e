package io.github.aksreach.k8s.analysis;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.solver.ReachSets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who can reach a destination: the queried source addresses split into ALWAYS, SOMETIMES and NEVER, as canonical
 * CIDR lists (the JSON shape of the {@code reach} command).
 *
 * <pre>{@code
 * ReachReport r = analysis.reach(IpAddress.of("192.168.0.22"), 80, Protocol.TCP, Optional.empty(), Optional.empty(),
 *     IpSet.all(IpFamily.V4));   // analysis: an AksReachability
 * r.sets().always().toCidrs();   // [192.168.1.4/32]
 * r.toJson();                    // {"to": "192.168.0.22:80/tcp", "always": [...], "sometimes": [...], "never": [...]}
 * }</pre>
 *
 * @param to the destination as the user wrote it
 * @param sets the three source sets
 */
public record ReachReport(String to, ReachSets sets) {
  public Map<String, Object> toJsonTree() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("to", to);
    root.put("always", cidrs(sets.always().toCidrs()));
    root.put("sometimes", cidrs(sets.sometimes().toCidrs()));
    root.put("never", cidrs(sets.never().toCidrs()));
    return root;
  }

  private static List<String> cidrs(List<IpPrefix> ps) {
    return ps.stream().map(IpPrefix::toString).collect(Collectors.toList());
  }

  public String toJson() {
    return Json.write(toJsonTree());
  }

  public String toText() {
    return "reach " + to + "\n  ALWAYS:    " + String.join(", ", cidrs(sets.always().toCidrs()))
        + "\n  SOMETIMES: " + String.join(", ", cidrs(sets.sometimes().toCidrs()))
        + "\n  NEVER:     " + String.join(", ", cidrs(sets.never().toCidrs())) + "\n";
  }
}
