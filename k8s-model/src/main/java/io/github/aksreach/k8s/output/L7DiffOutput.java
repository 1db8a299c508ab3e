package io.github.aksreach.k8s.output;

import static io.github.aksreach.k8s.output.ReachOutput.cidrs;

import io.github.aksreach.k8s.migration.L7Diff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The renderings of an {@link L7Diff}: the layer-7 part of {@code diff}, after the layer-4 part of
 * {@link DiffOutput} (which stays as it is; the CLI adds this part only when either scenario has an L7 front door).
 *
 * <pre>{@code
 * System.out.print(L7DiffOutput.text(L7Diff.of(before, after)));
 * // l7 GET demoapi.example.com:80/weatherforecast: ingress-nginx ingress-nginx/... -> gateway gateway/web
 * //   ALWAYS via default/simpleapi:8080 -> NEVER [403]: 198.51.100.0/24
 * }</pre>
 */
public final class L7DiffOutput {
  private L7DiffOutput() {}

  /**
   * The {@code l7} member of {@code diff --format json}: {@code {"requests": [one object per request], "notes":
   * [what could not be compared]}}.
   */
  public static Map<String, Object> tree(L7Diff d) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("requests", requests(d));
    root.put("notes", d.notes());
    return root;
  }

  private static List<Object> requests(L7Diff d) {
    List<Object> out = new ArrayList<>();
    for (L7Diff.Entry e : d.entries()) {
      Map<String, Object> ej = new LinkedHashMap<>();
      Map<String, Object> rj = new LinkedHashMap<>();
      rj.put("host", e.request().host());
      rj.put("path", e.request().path());
      rj.put("port", e.request().port());
      ej.put("request", rj);
      Map<String, Object> fj = new LinkedHashMap<>();
      fj.put("before", e.frontDoorBefore());
      fj.put("after", e.frontDoorAfter());
      ej.put("frontDoor", fj);
      List<Object> cs = new ArrayList<>();
      for (L7Diff.Change c : e.changes()) {
        Map<String, Object> cj = new LinkedHashMap<>();
        cj.put("before", answer(c.before()));
        cj.put("after", answer(c.after()));
        cj.put("sources", cidrs(c.sources()));
        cs.add(cj);
      }
      ej.put("changes", cs);
      out.add(ej);
    }
    return out;
  }

  private static Map<String, Object> answer(L7Diff.Answer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("verdict", a.verdict().name());
    m.put("statuses", a.statuses());
    m.put("backends", a.backends());
    return m;
  }

  /** The notes, then one block per request: its front doors, then each changed source set (or "no change"). */
  public static String text(L7Diff d) {
    StringBuilder sb = new StringBuilder();
    d.notes().forEach(n -> sb.append("l7 note: ").append(n).append('\n'));
    for (L7Diff.Entry e : d.entries()) {
      sb.append("l7 ").append(e.request()).append(": ").append(e.frontDoorBefore()).append(" -> ")
          .append(e.frontDoorAfter()).append(e.changes().isEmpty() ? ", no change\n" : "\n");
      for (L7Diff.Change c : e.changes()) {
        sb.append("  ").append(c.before()).append(" -> ").append(c.after()).append(": ")
            .append(String.join(", ", cidrs(c.sources()))).append('\n');
      }
    }
    return sb.toString();
  }
}
