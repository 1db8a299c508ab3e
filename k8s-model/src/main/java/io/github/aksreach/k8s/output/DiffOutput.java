package io.github.aksreach.k8s.output;

import static io.github.aksreach.k8s.output.ReachOutput.cidrs;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.k8s.aks.ScenarioDiff;
import io.github.aksreach.k8s.aks.ScenarioDiff.HealthChange;
import io.github.aksreach.k8s.aks.ScenarioDiff.ReachChange;
import io.github.aksreach.k8s.aks.ScenarioDiff.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The renderings of a {@link ScenarioDiff} ({@code diff}), naming the two scenarios.
 *
 * <pre>{@code
 * ScenarioDiff d = ScenarioDiff.of(before, after, ScenarioDiff.frontends(before, after));
 * System.out.print(DiffOutput.text(d, "prod", "prod-etp-local"));
 * // reach 192.168.0.22:80/tcp
 * //   SOMETIMES -> ALWAYS: 192.168.1.0/24
 * }</pre>
 */
public final class DiffOutput {
  private DiffOutput() {}

  /** The JSON shape of {@code diff --format json}. */
  public static Map<String, Object> tree(ScenarioDiff d, String nameBefore, String nameAfter) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("a", nameBefore);
    root.put("b", nameAfter);
    List<Object> rs = new ArrayList<>();
    for (Destination to : d.destinations()) {
      Map<String, Object> dj = new LinkedHashMap<>();
      dj.put("to", to.toString());
      List<Object> cs = new ArrayList<>();
      for (ReachChange c : d.reach()) {
        if (c.to().equals(to)) {
          Map<String, Object> cj = new LinkedHashMap<>();
          cj.put("before", c.before().name());
          cj.put("after", c.after().name());
          cj.put("sources", cidrs(c.sources()));
          cs.add(cj);
        }
      }
      dj.put("changes", cs);
      rs.add(dj);
    }
    root.put("reach", rs);
    List<Object> hs = new ArrayList<>();
    for (HealthChange h : d.health()) {
      Map<String, Object> hj = new LinkedHashMap<>();
      hj.put("frontend", h.frontend().toString());
      hj.put("rule", h.rule());
      hj.put("node", h.node());
      hj.put("before", h.before().map(DiffOutput::side).orElse(null));
      hj.put("after", h.after().map(DiffOutput::side).orElse(null));
      hs.add(hj);
    }
    root.put("health", hs);
    return root;
  }

  private static Map<String, Object> side(Side s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", s.state().name());
    m.put("probe", s.probe());
    return m;
  }

  /** {@link #tree} as pretty JSON. */
  public static String json(ScenarioDiff d, String nameBefore, String nameAfter) {
    return Json.write(tree(d, nameBefore, nameAfter));
  }

  /** Per destination the changed source sets, then the backends whose health changed. */
  public static String text(ScenarioDiff d, String nameBefore, String nameAfter) {
    StringBuilder sb = new StringBuilder("diff " + nameBefore + " -> " + nameAfter + "\n");
    for (Destination to : d.destinations()) {
      List<ReachChange> cs = d.reach().stream().filter(c -> c.to().equals(to)).toList();
      sb.append("reach ").append(to).append(cs.isEmpty() ? ": no change\n" : "\n");
      for (ReachChange c : cs) {
        sb.append("  ").append(c.before()).append(" -> ").append(c.after()).append(": ")
            .append(String.join(", ", cidrs(c.sources()))).append('\n');
      }
    }
    if (d.health().isEmpty()) {
      sb.append("health: no change\n");
    } else {
      sb.append("health\n");
      for (HealthChange h : d.health()) {
        sb.append("  ").append(h.frontend()).append(' ').append(h.rule()).append(' ').append(h.node()).append(": ")
            .append(h.before().map(Side::toString).orElse("absent")).append(" -> ")
            .append(h.after().map(Side::toString).orElse("absent")).append('\n');
      }
    }
    return sb.toString();
  }
}
