package io.github.aksreach.k8s.output;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.k8s.analysis.ReachReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The renderings of a {@link ReachReport} ({@code reach}): canonical CIDR lists per verdict.
 *
 * <pre>{@code
 * ReachReport r = analysis.reach(Destination.parse("192.168.0.22:80"), L7.none(), IpSet.all(IpFamily.V4));
 * ReachOutput.json(r);   // {"to": "192.168.0.22:80/tcp", "always": [...], "sometimes": [...], "never": [...]}
 * }</pre>
 */
public final class ReachOutput {
  private ReachOutput() {}

  /** The JSON object of {@code reach --format json}, as ordered maps and lists. */
  public static Map<String, Object> tree(ReachReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("to", r.to());
    root.put("always", cidrs(r.sets().always()));
    root.put("sometimes", cidrs(r.sets().sometimes()));
    root.put("never", cidrs(r.sets().never()));
    return root;
  }

  /** {@link #tree} as pretty JSON. */
  public static String json(ReachReport r) {
    return Json.write(tree(r));
  }

  /** Three lines, one per verdict, each with its CIDRs. */
  public static String text(ReachReport r) {
    return "reach " + r.to() + "\n  ALWAYS:    " + String.join(", ", cidrs(r.sets().always()))
        + "\n  SOMETIMES: " + String.join(", ", cidrs(r.sets().sometimes()))
        + "\n  NEVER:     " + String.join(", ", cidrs(r.sets().never())) + "\n";
  }

  /** A set as its canonical CIDRs, in order. */
  static List<String> cidrs(IpSet s) {
    return s.toCidrs().stream().map(IpPrefix::toString).collect(Collectors.toList());
  }
}
