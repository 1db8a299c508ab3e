package io.github.aksreach.nsg.eval;

import io.github.aksreach.nsg.model.Direction;
import java.util.List;
import java.util.Optional;

/**
 * The NSG verdict for one flow at one network interface and direction: every NSG consulted, in order, and whether
 * the flow passes all of them.
 *
 * <pre>{@code
 * NsgVerdict v = NsgEvaluator.of(net).evaluate(nic, Direction.INBOUND, Flow.tcp("192.168.1.4:50326", "192.168.0.22:80"));
 * v.allowed();                        // false
 * v.decidingDecision().get().ruleName();   // "DenyAllCustom", in nsg-user, the subnet's NSG
 * v.reason();                         // "denied by nsg-user rule DenyAllCustom (4000) (subnet NSG)"
 * }</pre>
 *
 * @param direction inbound or outbound
 * @param allowed true iff every consulted NSG allowed the flow (or no NSG applies and secure-by-default is off)
 * @param decisions one per NSG consulted, in evaluation order; evaluation stops at the first denial
 * @param note why no NSG decided, when {@code decisions} is empty
 */
public record NsgVerdict(Direction direction, boolean allowed, List<NsgDecision> decisions, Optional<String> note) {
  public NsgVerdict {
    decisions = List.copyOf(decisions);
  }

  /** The decision that settled the verdict: the denying one, else the last allowing one. */
  public Optional<NsgDecision> decidingDecision() {
    return decisions.isEmpty() ? Optional.empty() : Optional.of(decisions.get(decisions.size() - 1));
  }

  /** In words. */
  public String reason() {
    return decidingDecision().map(NsgDecision::toString).orElse(note.orElse(allowed ? "allowed" : "denied"));
  }
}
