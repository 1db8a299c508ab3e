package io.github.aksreach.k8s.output;

import static io.github.aksreach.k8s.analysis.CheckReport.rounded;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.trace.Describe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The renderings of a {@link CheckReport} ({@code check}): the JSON of CONTRACTS.md section 2 and the text.
 *
 * <pre>{@code
 * CheckReport r = analysis.check(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")
 *     .withHttp("demoapi.eyskens.corp", "/weatherforecast"));
 * CheckOutput.json(r);   // {"flow": {...}, "verdict": "SOMETIMES", "deliveredFraction": 0.3333,
 *                        //  "deliveredFractionExact": "1/3", "paths": [...]}
 * System.out.println(CheckOutput.text(r));
 * }</pre>
 */
public final class CheckOutput {
  private CheckOutput() {}

  /** The JSON object of CONTRACTS.md section 2, as ordered maps and lists. */
  public static Map<String, Object> tree(CheckReport r) {
    Flow flow = r.flow();
    Verdict verdict = r.verdict();
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("protocol", flow.protocol().toString());
    f.put("src", flow.src());
    f.put("dst", flow.dst());
    flow.host().ifPresent(h -> f.put("host", h));
    flow.path().ifPresent(p -> f.put("path", p));
    root.put("flow", f);
    root.put("verdict", verdict.kind().name());
    root.put("deliveredFraction", rounded(verdict.deliveredFraction()));
    // the exact rational beside the 4-decimal contract field: "1/3", "1", "0"
    root.put("deliveredFractionExact", verdict.deliveredFraction().toString());
    List<Object> paths = new ArrayList<>();
    for (PathResult p : verdict.paths()) {
      Map<String, Object> pj = new LinkedHashMap<>();
      pj.put("weight", rounded(p.weight()));
      pj.put("outcome", p.delivered() ? "DELIVERED" : "DROPPED");
      p.deliveredTo().ifPresent(d -> pj.put("deliveredTo", Describe.label(d)));
      p.drop().ifPresent(d -> pj.put("droppedAt", drop(d)));
      if (p.blockers().size() > 1) {
        List<Object> bs = new ArrayList<>();
        for (DropInfo d : p.blockers()) {
          bs.add(drop(d));
        }
        pj.put("blockers", bs);
      }
      List<Object> hops = new ArrayList<>();
      for (Hop h : p.hops()) {
        Flow seen = h.seen(flow);
        Map<String, Object> hj = new LinkedHashMap<>();
        hj.put("element", Describe.label(h.origin()));
        hj.put("kind", h.kind().name());
        hj.put("src", seen.src());
        hj.put("dst", seen.dst());
        hj.put("decision", Describe.decision(h));
        h.rule().ifPresent(rr -> hj.put("rule", rr.name()));
        hops.add(hj);
      }
      pj.put("hops", hops);
      paths.add(pj);
    }
    root.put("paths", paths);
    return root;
  }

  private static Map<String, Object> drop(DropInfo d) {
    Map<String, Object> dj = new LinkedHashMap<>();
    dj.put("kind", d.kind().name());
    dj.put("element", Describe.label(d.origin()));
    d.rule().ifPresent(r -> {
      dj.put("rule", r.name());
      r.priority().ifPresent(pr -> dj.put("priority", pr));
    });
    d.status().ifPresent(s -> dj.put("httpStatus", s));
    dj.put("reason", Describe.reason(d));
    return dj;
  }

  /** {@link #tree} as pretty JSON. */
  public static String json(CheckReport r) {
    return Json.write(tree(r));
  }

  /** A human-readable rendering: the flow, the verdict, then each path with its hops. */
  public static String text(CheckReport r) {
    Verdict verdict = r.verdict();
    StringBuilder sb = new StringBuilder();
    sb.append(r.flow()).append('\n');
    sb.append("verdict: ").append(verdict.kind()).append(" (delivered fraction ")
        .append(rounded(verdict.deliveredFraction())).append(")\n");
    int i = 1;
    for (PathResult p : verdict.paths()) {
      sb.append(String.format(Locale.ROOT, "  path %d, weight %s: ", i++, rounded(p.weight())));
      if (p.delivered()) {
        sb.append("DELIVERED to ").append(p.deliveredTo().map(Describe::label).orElse("?")).append('\n');
      } else {
        DropInfo d = p.drop().orElseThrow();
        sb.append("DROPPED [").append(d.kind().name()).append("] at ").append(Describe.label(d.origin()));
        d.rule().ifPresent(rr -> sb.append(" by ").append(rr));
        d.status().ifPresent(s -> sb.append(" HTTP ").append(s));
        sb.append(": ").append(Describe.reason(d)).append('\n');
        if (p.blockers().size() > 1) {
          for (DropInfo b : p.blockers().subList(1, p.blockers().size())) {
            sb.append("      also blocked [").append(b.kind().name()).append("] at ")
                .append(Describe.label(b.origin()));
            b.rule().ifPresent(rr -> sb.append(" by ").append(rr));
            sb.append(": ").append(Describe.reason(b)).append('\n');
          }
        }
      }
      for (Hop h : p.hops()) {
        Flow seen = h.seen(r.flow());
        sb.append("      ").append(String.format(Locale.ROOT, "%-14s", h.kind().name())).append(' ')
            .append(Describe.label(h.origin()))
            .append("  ").append(seen.src()).append(" -> ").append(seen.dst()).append("  ").append(Describe.decision(h));
        h.rule().ifPresent(rr -> sb.append(" [").append(rr).append(']'));
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
