package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.trace.Describe;
import io.github.aksreach.k8s.trace.LbOrigin;
import io.github.aksreach.nsg.eval.NsgOrigin;
import io.github.aksreach.nsg.model.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why a flow-log tuple was logged (the {@code explain} command): the tuple's flow is checked in the model, and every
 * path on which the logging NSG saw exactly the logged header, in the logged direction, is a match. The tuple is
 * EXPLAINED when a match decided as logged (and by the logged rule, when the log names one), CONTRADICTED when the
 * model's matches decided otherwise, NOT_SEEN when no path of the model meets that NSG with that header.
 *
 * <pre>{@code
 * List<FlowLogs.Entry> log = FlowLogs.load(Path.of("PT1H.json")).get();
 * FlowLogExplanation e = FlowLogExplanation.explain(analysis, log.get(0));
 * e.finding();              // EXPLAINED
 * e.matches().get(0);       // path 3, weight 1/3, via backend aks-user-...: nsg-user (subnet user) DENIED by DenyAllCustom
 * e.verdict().kind();       // SOMETIMES: the same flow succeeds through the other backends
 * }</pre>
 *
 * <p>Important notes: an NSG logs a denial where it denies, and an allowed flow where it is the last NSG to allow it
 * (DOMAIN.md 7.1), so a tuple is matched against the NSG that logged it, not against the flow's outcome. The logged
 * header is checked as a flow of its own: a leg kube-proxy forwarded after SNAT and DNAT (ETP=Cluster forwarding,
 * logged on node NICs as node IP to pod IP) is matched on the path of that header sent by the node itself, which
 * leaves through the same NSGs (its NIC, then its subnet) and meets the same inbound ones. When nothing matches and
 * the source is a node or pod, the summary says the tuple may be such a leg.
 *
 * @param entry the logged tuple
 * @param verdict the model's verdict for the tuple's flow, with every path
 * @param finding EXPLAINED, CONTRADICTED or NOT_SEEN
 * @param matches the hops at the logging NSG that saw the logged header
 * @param inCluster whether the tuple's source is a node or pod of the cluster
 */
public record FlowLogExplanation(FlowLogs.Entry entry, Verdict verdict, Finding finding, List<Match> matches,
                                 boolean inCluster) {
  public FlowLogExplanation {
    matches = List.copyOf(matches);
  }

  /** How the model relates to a logged tuple. */
  public enum Finding {
    /** A path of the model meets the logging NSG with this header and decides as logged. */
    EXPLAINED,
    /** Paths meet the logging NSG with this header, but none decides as logged (or by the logged rule). */
    CONTRADICTED,
    /** No path of the model meets the logging NSG with this header in this direction. */
    NOT_SEEN
  }

  /**
   * A hop at the logging NSG that saw exactly the logged header.
   *
   * <pre>{@code
   * m.denied();   // true: the NSG denied the flow on this path
   * }</pre>
   *
   * @param path the path's index in the verdict (from 1)
   * @param weight the path's weight
   * @param element the NSG hop's label, e.g. {@code nsg-user (subnet user)}
   * @param denied whether the NSG denied the flow here
   * @param rule the deciding rule
   * @param via the load-balancer backend the path went through, if it met a load balancer
   */
  public record Match(int path, Weight weight, NsgOrigin element, boolean denied, Optional<RuleRef> rule,
                      Optional<Hop> via) {}

  /** Explains every entry, in order. */
  public static List<FlowLogExplanation> explainAll(AksReachability analysis, List<FlowLogs.Entry> entries) {
    List<FlowLogExplanation> out = new ArrayList<>(entries.size());
    for (FlowLogs.Entry e : entries) {
      out.add(explain(analysis, e));
    }
    return out;
  }

  /** Explains one logged tuple. */
  public static FlowLogExplanation explain(AksReachability analysis, FlowLogs.Entry entry) {
    FlowLogTuple t = entry.tuple();
    Flow f = t.flow();
    Verdict v = analysis.check(f).verdict();
    // indexed loops and a list made on the first match: this runs per tuple, millions of times
    List<Match> matches = List.of();
    List<PathResult> paths = v.paths();
    for (int i = 0; i < paths.size(); i++) {
      PathResult p = paths.get(i);
      Hop via = null;
      List<Hop> hops = p.hops();
      for (int k = 0; k < hops.size(); k++) {
        Hop h = hops.get(k);
        if (h.origin() instanceof LbOrigin) {
          via = h;
        }
        if (!(h.origin() instanceof NsgOrigin)) {
          continue;
        }
        NsgOrigin nsg = (NsgOrigin) h.origin();
        if ((nsg.direction() == Direction.INBOUND) != t.inbound() || !atLoggingNsg(nsg, entry)) {
          continue;
        }
        Flow seen = h.seen(f);
        if (seen.protocol() == f.protocol() && seen.srcIp().equals(f.srcIp()) && seen.srcPort() == f.srcPort()
            && seen.dstIp().equals(f.dstIp()) && seen.dstPort() == f.dstPort()) {
          boolean denied = p.drop().isPresent() && p.drop().get().element().equals(h.element());
          if (matches.isEmpty()) {
            matches = new ArrayList<>(2);
          }
          matches.add(new Match(i + 1, p.weight(), nsg, denied, h.rule(), Optional.ofNullable(via)));
        }
      }
    }
    Finding finding = matches.isEmpty() ? Finding.NOT_SEEN : Finding.CONTRADICTED;
    for (Match m : matches) {
      if (agrees(m, entry)) {
        finding = Finding.EXPLAINED;
        break;
      }
    }
    boolean inCluster = analysis.network().clusterAddresses().contains(f.srcIp());
    return new FlowLogExplanation(entry, v, finding, matches, inCluster);
  }

  /** Whether the hop is at the NSG that logged the tuple (its name, as the flow log's resource id gives it). */
  private static boolean atLoggingNsg(NsgOrigin nsg, FlowLogs.Entry e) {
    if (e.nsg().isEmpty()) {
      return true;
    }
    Optional<String> name = nsg.nsgName();
    if (name.isEmpty()) {
      return false;
    }
    // the tuples of one record share their NSG's name, and a model has few NSGs: recent answers are kept by the
    // names' identity (each an immutable triple read and written whole, so threads may share them)
    String logged = e.nsg().get();
    String model = name.get();
    int slot = (31 * logged.hashCode() + model.hashCode()) & (SAME_NAMES.length - 1);
    SameName last = SAME_NAMES[slot];
    if (last != null && last.logged == logged && last.model == model) {
      return last.same;
    }
    boolean same = model.equalsIgnoreCase(logged);
    SAME_NAMES[slot] = new SameName(logged, model, same);
    return same;
  }

  /** Whether a logged NSG name is a model's, ignoring case. */
  private record SameName(String logged, String model, boolean same) {}

  private static final SameName[] SAME_NAMES = new SameName[16];

  private static boolean agrees(Match m, FlowLogs.Entry e) {
    if (m.denied() != e.tuple().denied()) {
      return false;
    }
    return e.rule().isEmpty() || m.rule().isPresent() && sameRule(e.rule().get(), m.rule().get().name());
  }

  /**
   * Whether the logged rule ({@code UserRule_<name>}, {@code DefaultRule_<name>} or a bare name) names {@code name},
   * ignoring case: {@link FlowLogs.Entry#ruleName()} compared without making its string (this runs per tuple).
   */
  static boolean sameRule(String logged, String name) {
    int from = logged.startsWith("UserRule_") ? "UserRule_".length()
        : logged.startsWith("DefaultRule_") ? "DefaultRule_".length() : 0;
    return logged.length() - from == name.length() && logged.regionMatches(true, from, name, 0, name.length());
  }

  /** In words: the finding, the deciding match, and the flow's verdict. */
  public String summary() {
    StringBuilder sb = new StringBuilder(320);
    if (finding == Finding.NOT_SEEN) {
      sb.append("NOT_SEEN: logged ");
      logged(sb).append(", but no path of the model meets that NSG with this header; ");
      outcome(sb);
      if (inCluster) {
        sb.append("; the source is a node or pod of the cluster: the tuple may be a leg kube-proxy forwarded "
            + "(after SNAT or DNAT) of another client's flow");
      }
      return sb.toString();
    }
    Match m = matches.get(0);
    for (Match x : matches) {
      if (agrees(x, entry)) {
        m = x;
        break;
      }
    }
    sb.append(finding).append(": logged ");
    logged(sb).append("; path ").append(m.path()).append(" of ").append(verdict.paths().size()).append(" (weight ")
        .append(CheckReport.rounded(m.weight()));
    m.via().ifPresent(x -> sb.append(", ").append(Describe.decision(x)));
    sb.append("): ").append(Describe.label(m.element())).append(' ').append(m.denied() ? "denies" : "allows")
        .append(" it");
    m.rule().ifPresent(r -> sb.append(" by ").append(r));
    sb.append("; ");
    return outcome(sb).toString();
  }

  private StringBuilder logged(StringBuilder sb) {
    sb.append(entry.tuple().denied() ? "denied" : "allowed").append(' ')
        .append(entry.tuple().inbound() ? "inbound" : "outbound").append(" by ").append(entry.nsg().orElse("an NSG"));
    entry.rule().ifPresent(r -> sb.append(" (").append(r).append(')'));
    return sb;
  }

  private StringBuilder outcome(StringBuilder sb) {
    return sb.append("the flow is ").append(verdict.kind()).append(" (")
        .append(CheckReport.rounded(verdict.deliveredFraction())).append(')');
  }
}
