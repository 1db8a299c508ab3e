package io.github.aksreach.k8s.output;

import static io.github.aksreach.k8s.analysis.CheckReport.rounded;

import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.k8s.trace.Describe;
import io.github.aksreach.nsg.eval.NsgOrigin;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The paths of a {@code check} and the sets of a {@code reach} drawn as diagrams: Mermaid flowcharts (GitHub renders
 * them in Markdown) and Graphviz DOT.
 *
 * <pre>{@code
 * CheckReport r = analysis.check(flow);
 * String md = "```mermaid\n" + DiagramOutput.mermaid(r) + "```\n";   // paste into an issue or a PR
 * String dot = DiagramOutput.dot(r);                                  // dot -Tsvg paths.dot > paths.svg
 * }</pre>
 *
 * <p>A check's diagram has one box per element the paths meet (an NSG, the LB rule, kube-proxy on a node, a pod,
 * ...), shared by the paths that meet it, with the rules that decided there; the arrows carry the paths' numbers,
 * and each path ends in its outcome: delivered, or dropped with the drop's kind, reason and HTTP status. Boxes that
 * denied are red, delivery is green. A reach's diagram is the destination with its three source sets.
 */
public final class DiagramOutput {
  /** CIDRs shown per source set before the rest is counted. */
  static final int SHOWN_CIDRS = 6;

  private DiagramOutput() {}

  /** A check as a Mermaid flowchart (left to right), ending with a line break. */
  public static String mermaid(CheckReport r) {
    Graph g = Graph.of(r);
    StringBuilder sb = new StringBuilder("flowchart LR\n");
    for (Box b : g.boxes.values()) {
      sb.append("  ").append(b.id).append(b.terminal ? "([\"" : "[\"").append(mermaidText(b.text()))
          .append(b.terminal ? "\"])\n" : "\"]\n");
    }
    for (Map.Entry<List<String>, Set<Integer>> e : g.edges.entrySet()) {
      sb.append("  ").append(e.getKey().get(0)).append(" -->|\"").append(mermaidText(paths(e.getValue())))
          .append("\"| ").append(e.getKey().get(1)).append('\n');
    }
    sb.append("  classDef denied fill:#fde2e1,stroke:#c0392b\n");
    sb.append("  classDef delivered fill:#e3f6e5,stroke:#2e7d32\n");
    List<String> denied = g.boxes.values().stream().filter(b -> b.denied).map(b -> b.id).toList();
    List<String> delivered = g.boxes.values().stream().filter(b -> b.delivered).map(b -> b.id).toList();
    if (!denied.isEmpty()) {
      sb.append("  class ").append(String.join(",", denied)).append(" denied\n");
    }
    if (!delivered.isEmpty()) {
      sb.append("  class ").append(String.join(",", delivered)).append(" delivered\n");
    }
    return sb.toString();
  }

  /** A check as a Graphviz DOT digraph (left to right), ending with a line break. */
  public static String dot(CheckReport r) {
    Graph g = Graph.of(r);
    StringBuilder sb = new StringBuilder("digraph check {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    sb.append("  label=\"").append(dotText(r.flow() + ": " + r.verdict().kind() + " (delivered fraction "
        + rounded(r.verdict().deliveredFraction()) + ")")).append("\";\n  labelloc=t;\n");
    for (Box b : g.boxes.values()) {
      sb.append("  ").append(b.id).append(" [label=\"").append(dotText(b.text())).append('"');
      if (b.terminal) {
        sb.append(", shape=oval");
      }
      if (b.denied) {
        sb.append(", style=filled, fillcolor=\"#fde2e1\", color=\"#c0392b\"");
      } else if (b.delivered) {
        sb.append(", style=filled, fillcolor=\"#e3f6e5\", color=\"#2e7d32\"");
      }
      sb.append("];\n");
    }
    for (Map.Entry<List<String>, Set<Integer>> e : g.edges.entrySet()) {
      sb.append("  ").append(e.getKey().get(0)).append(" -> ").append(e.getKey().get(1)).append(" [label=\"")
          .append(dotText(paths(e.getValue()))).append("\"];\n");
    }
    return sb.append("}\n").toString();
  }

  /** Who reaches a destination, as a Mermaid flowchart: the three source sets pointing at the destination. */
  public static String mermaid(ReachReport r) {
    StringBuilder sb = new StringBuilder("flowchart LR\n");
    sb.append("  dst([\"").append(mermaidText(r.to())).append("\"])\n");
    sets(sb, r, true);
    sb.append("  always -->|\"delivered\"| dst\n");
    sb.append("  sometimes -.->|\"on some paths\"| dst\n");
    sb.append("  never -.-x|\"dropped\"| dst\n");
    sb.append("  classDef denied fill:#fde2e1,stroke:#c0392b\n");
    sb.append("  classDef delivered fill:#e3f6e5,stroke:#2e7d32\n");
    sb.append("  class always delivered\n  class never denied\n");
    return sb.toString();
  }

  /** Who reaches a destination, as a Graphviz DOT digraph. */
  public static String dot(ReachReport r) {
    StringBuilder sb = new StringBuilder("digraph reach {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    sb.append("  dst [label=\"").append(dotText(r.to())).append("\", shape=oval];\n");
    sets(sb, r, false);
    sb.append("  always -> dst [label=\"delivered\", color=\"#2e7d32\"];\n");
    sb.append("  sometimes -> dst [label=\"on some paths\", style=dashed];\n");
    sb.append("  never -> dst [label=\"dropped\", style=dotted, arrowhead=tee, color=\"#c0392b\"];\n");
    return sb.append("}\n").toString();
  }

  /** The three source sets' boxes: the verdict, then the first CIDRs and how many more. */
  private static void sets(StringBuilder sb, ReachReport r, boolean mermaid) {
    set(sb, "always", "ALWAYS", ReachOutput.cidrs(r.sets().always()), mermaid);
    set(sb, "sometimes", "SOMETIMES", ReachOutput.cidrs(r.sets().sometimes()), mermaid);
    set(sb, "never", "NEVER", ReachOutput.cidrs(r.sets().never()), mermaid);
  }

  private static void set(StringBuilder sb, String id, String verdict, List<String> cidrs, boolean mermaid) {
    StringBuilder text = new StringBuilder(verdict);
    if (cidrs.isEmpty()) {
      text.append("\n(none)");
    } else {
      for (String c : cidrs.subList(0, Math.min(SHOWN_CIDRS, cidrs.size()))) {
        text.append('\n').append(c);
      }
      if (cidrs.size() > SHOWN_CIDRS) {
        text.append("\n... and ").append(cidrs.size() - SHOWN_CIDRS).append(" more (see --format json)");
      }
    }
    if (mermaid) {
      sb.append("  ").append(id).append("[\"").append(mermaidText(text.toString())).append("\"]\n");
    } else {
      sb.append("  ").append(id).append(" [label=\"").append(dotText(text.toString())).append("\"];\n");
    }
  }

  private static String paths(Set<Integer> ps) {
    return (ps.size() == 1 ? "path " : "paths ") + ps.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** Text inside a quoted Mermaid label: quotes and markup characters as entity codes, lines as {@code <br/>}. */
  static String mermaidText(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : SafeLabel.of(s).toCharArray()) {
      switch (c) {
        case '"' -> sb.append("#quot;");
        case '#' -> sb.append("#35;");
        case '<' -> sb.append("#lt;");
        case '>' -> sb.append("#gt;");
        case '|' -> sb.append("#124;");
        case '\n' -> sb.append("<br/>");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Text inside a quoted DOT label: backslashes and quotes escaped, lines as {@code \n}. */
  static String dotText(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : SafeLabel.of(s).toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Labels keep printable text only: control characters (other than line breaks) become spaces. */
  private static final class SafeLabel {
    static String of(String s) {
      StringBuilder sb = new StringBuilder(s.length());
      s.codePoints().forEach(c -> sb.appendCodePoint(c == '\n' || !Character.isISOControl(c) ? c : ' '));
      return sb.toString();
    }
  }

  /** One box of a check's diagram: an element the paths meet, or an outcome. */
  private static final class Box {
    final String id;
    final String title;
    /** The rules that decided here, with the paths they decided. */
    final Map<String, Set<Integer>> rules = new LinkedHashMap<>();
    final boolean terminal;
    boolean denied;
    boolean delivered;

    Box(String id, String title, boolean terminal) {
      this.id = id;
      this.title = title;
      this.terminal = terminal;
    }

    void rule(String rule, int path) {
      rules.computeIfAbsent(rule, k -> new TreeSet<>()).add(path);
    }

    /** The title, then the deciding rule, or each rule with its paths when the paths met different ones. */
    String text() {
      if (rules.isEmpty()) {
        return title;
      }
      if (rules.size() == 1) {
        return title + "\nrule " + rules.keySet().iterator().next();
      }
      return title + "\nrules " + rules.entrySet().stream().map(e -> e.getKey() + " (" + paths(e.getValue()) + ")")
          .collect(Collectors.joining(", "));
    }
  }

  /** The boxes (in the order the paths meet them) and the arrows with the paths that take them. */
  private static final class Graph {
    final Map<String, Box> boxes = new LinkedHashMap<>();
    final Map<Origin, Box> elements = new HashMap<>();
    final Map<List<String>, Set<Integer>> edges = new LinkedHashMap<>();

    static Graph of(CheckReport r) {
      Graph g = new Graph();
      Box client = g.box("client: " + r.flow().src(), true);
      int i = 1;
      for (PathResult p : r.verdict().paths()) {
        int path = i++;
        Box prev = client;
        for (Hop h : p.hops()) {
          Box b = g.element(h.origin());
          h.rule().ifPresent(rr -> b.rule(rr.toString(), path));
          g.edge(prev, b, path);
          prev = b;
        }
        Box end;
        if (p.delivered()) {
          end = g.box("DELIVERED to " + p.deliveredTo().map(Describe::label).orElse("?"), true);
          end.delivered = true;
        } else {
          DropInfo d = p.drop().orElseThrow();
          StringBuilder t = new StringBuilder("DROPPED [").append(d.kind().name()).append("]");
          d.status().ifPresent(s -> t.append(" HTTP ").append(s));
          t.append('\n').append(Describe.reason(d));
          end = g.box(t.toString(), true);
          end.denied = true;
          g.markDropper(prev, d, path);
        }
        g.edge(prev, end, path);
      }
      return g;
    }

    /** Marks the box that dropped the path: the last hop's, when it is the dropping element. */
    void markDropper(Box last, DropInfo d, int path) {
      if (elements.get(d.origin()) == last) {
        last.denied = true;
        d.rule().ifPresent(rr -> last.rule(rr.toString(), path));
      }
    }

    /** The box of an element, one per origin value (an NSG is met inbound and outbound, on several NICs). */
    Box element(Origin o) {
      return elements.computeIfAbsent(o, k -> {
        Box b = new Box("n" + boxes.size(), o.kind().name() + "\n" + Describe.label(o) + where(o), false);
        boxes.put("E" + b.id, b);
        return b;
      });
    }

    /** An NSG hop's direction (and its NIC's subnet), which its label leaves out. */
    private static String where(Origin o) {
      if (o instanceof NsgOrigin n && n.hasNsg()) {
        return " " + n.direction().name().toLowerCase(Locale.ROOT)
            + (n.onSubnet() ? "" : n.subnet().map(s -> " in subnet " + s).orElse(""));
      }
      return "";
    }

    Box box(String title, boolean terminal) {
      return boxes.computeIfAbsent((terminal ? "T" : "E") + title, k -> new Box("n" + boxes.size(), title, terminal));
    }

    void edge(Box from, Box to, int path) {
      edges.computeIfAbsent(List.of(from.id, to.id), k -> new TreeSet<>()).add(path);
    }
  }
}
