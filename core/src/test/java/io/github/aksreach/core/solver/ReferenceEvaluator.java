package io.github.aksreach.core.solver;

import io.github.aksreach.core.model.Flow;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle: a deliberately simple evaluator of one concrete flow through an {@link ElementGraph}. Plain loops,
 * a linear first-match scan per classifier, explicit enumeration of every fork branch. No diagrams, no sharing.
 *
 * <pre>{@code
 * List<ReferenceEvaluator.Outcome> outs = ReferenceEvaluator.evaluate(graph, "lb", flow);
 * Weight delivered = ReferenceEvaluator.deliveredFraction(outs);
 * }</pre>
 */
public final class ReferenceEvaluator {
  private ReferenceEvaluator() {}

  /** One enumerated path: its weight, whether it delivered, where it ended, and the header at the end. */
  public record Outcome(Weight weight, boolean delivered, ElementKey endedAt, Flow finalHeader, List<ElementKey> trail) {}

  public static List<Outcome> evaluate(ElementGraph g, ElementKey start, Flow flow) {
    return evaluate(g, start, flow, 64);
  }

  public static List<Outcome> evaluate(ElementGraph g, ElementKey start, Flow flow, int maxHops) {
    List<Outcome> out = new ArrayList<>();
    walk(g, start, flow, Weight.ONE, new ArrayList<>(), out, maxHops);
    return out;
  }

  private static void walk(ElementGraph g, ElementKey id, Flow f, Weight w, List<ElementKey> trail, List<Outcome> out,
                           int maxHops) {
    if (trail.size() >= maxHops) {
      out.add(new Outcome(w, false, id, f, List.copyOf(trail)));
      return;
    }
    Element e = g.element(id).orElseThrow();
    List<ElementKey> t = new ArrayList<>(trail);
    t.add(id);
    if (e instanceof Sink) {
      out.add(new Outcome(w, true, id, f, t));
    } else if (e instanceof Rewrite) {
      walk(g, ((Rewrite) e).target(), Hop.apply(f, ((Rewrite) e).assigns()), w, t, out, maxHops);
    } else if (e instanceof Fork) {
      for (Fork.Branch b : ((Fork) e).branches()) {
        walk(g, b.target(), Hop.apply(f, b.assigns()), w.times(b.weight()), t, out, maxHops);
      }
    } else {
      Classifier c = (Classifier) e;
      io.github.aksreach.core.solver.Outcome o = c.outcome(c.decideLinear(f));
      if (o instanceof io.github.aksreach.core.solver.Outcome.Next) {
        walk(g, ((io.github.aksreach.core.solver.Outcome.Next) o).target(), f, w, t, out, maxHops);
      } else {
        out.add(new Outcome(w, false, id, f, t));
      }
    }
  }

  public static Weight deliveredFraction(List<Outcome> outs) {
    Weight d = Weight.ZERO;
    for (Outcome o : outs) {
      if (o.delivered()) {
        d = d.plus(o.weight());
      }
    }
    return d;
  }
}
