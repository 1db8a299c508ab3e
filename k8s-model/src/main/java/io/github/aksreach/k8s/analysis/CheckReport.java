package io.github.aksreach.k8s.analysis;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Verdict;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The answer to "can this flow reach?": verdict, delivered fraction, and every path with its hops as each hop saw
 * the header, in rendered by {@code k8s.output.CheckOutput} in the JSON shape of the {@code check} command (CONTRACTS.md
 * section 2).
 *
 * <pre>{@code
 * CheckReport r = analysis.check(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")
 *     .withHttp("demoapi.eyskens.corp", "/weatherforecast"));
 * r.verdict().kind();          // SOMETIMES
 * r.verdict().deliveredFraction();   // 1/3
 * System.out.println(CheckOutput.text(r));   // rendered by k8s.output
 * }</pre>
 *
 * @param flow the flow as the client sent it
 * @param verdict the verdict, with the paths the flow takes
 */
public record CheckReport(Flow flow, Verdict verdict) {

  /** The fraction rounded to 4 decimals, as printed. */
  public static BigDecimal rounded(io.github.aksreach.core.solver.Weight w) {
    return new BigDecimal(w.numerator()).divide(new BigDecimal(w.denominator()), 4, RoundingMode.HALF_UP);
  }
}
