package io.github.aksreach.core.check;

import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.solver.PathResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What shows that a finding is real: a sentence, plus optionally the flows it concerns (an exact flow space) and
 * the traced paths (each hop with the header it saw and the rule that decided).
 *
 * <pre>{@code
 * Evidence e = Evidence.of("probe from 168.63.129.16 forwarded as 192.168.0.4 is denied by DenyAllCustom (4000)")
 *     .withTrace(verdict.paths())
 *     .withFlows(FlowSpace.where(Field.SRC_IP, IpSet.parse("10.0.0.0/8").orElseThrow()));
 * e.text();
 * }</pre>
 *
 * @param text the evidence in words (a trace summary, CIDR lists, rule names)
 * @param flows the flow space the finding concerns, if it is a set of flows
 * @param trace the traced paths that show it, if any
 */
public record Evidence(String text, Optional<FlowSpace> flows, List<PathResult> trace) {
  public Evidence {
    if (text == null || flows == null || trace == null) {
      throw new IllegalArgumentException("Evidence fields must not be null");
    }
    trace = List.copyOf(trace);
  }

  /** Evidence in words only. */
  public static Evidence of(String text) {
    return new Evidence(text, Optional.empty(), List.of());
  }

  /** No evidence beyond the message. */
  public static Evidence none() {
    return of("");
  }

  public Evidence withText(String text) {
    return new Evidence(text, flows, trace);
  }

  public Evidence withFlows(FlowSpace flows) {
    return new Evidence(text, Optional.of(flows), trace);
  }

  public Evidence withTrace(List<PathResult> paths) {
    List<PathResult> all = new ArrayList<>(trace);
    all.addAll(paths);
    return new Evidence(text, flows, all);
  }

  public boolean isEmpty() {
    return text.isEmpty() && flows.isEmpty() && trace.isEmpty();
  }
}
