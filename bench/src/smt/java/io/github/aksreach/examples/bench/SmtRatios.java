package io.github.aksreach.examples.bench;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.nsg.analysis.equivalence.NsgEquivalence;
import io.github.aksreach.nsg.eval.CompiledNsg;
import io.github.aksreach.nsg.model.Direction;
import java.util.Optional;

/**
 * aksreach's NSG equivalence against the SMT baseline ({@link SmtEquivalence}, Z3) on the pairs of
 * {@link NsgEquivalenceBenchmarks}, in CPU time of the measuring thread, rounds interleaved (as {@link SpeedRatios}).
 * Built only with {@code -Psmt}:
 *
 * <pre>{@code
 * mvn -B -q package -DskipTests -Psmt -pl bench -am
 * java -cp bench/target/aksreach-bench.jar io.github.aksreach.examples.bench.SmtRatios 7 aks
 * }</pre>
 *
 * <p>Before timing, each pair's answers are checked against each other: both say equivalent, or both find a
 * difference, and Z3's witness is a flow the two NSGs decide differently (by aksreach's linear reference scan).
 */
public final class SmtRatios {
  private SmtRatios() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    String shapes = args.length > 1 ? args[1] : "aks";
    String pairs = args.length > 2 ? args[2] : "equal,equalSplit,oneRule,unrelated";
    for (String shape : shapes.split(",")) {
      for (String pair : pairs.split(",")) {
        NsgEquivalenceBenchmarks n = new NsgEquivalenceBenchmarks();
        n.shape = shape;
        n.pair = pair;
        n.setup();
        boolean differ = NsgEquivalence.firstDifference(compile(n, n.a), compile(n, n.b), FlowSpace.all())
            .isPresent();
        Optional<Flow> smt = SmtEquivalence.firstDifference(n.a, n.b, Direction.INBOUND, n.resolver);
        if (smt.isPresent() != differ) {
          throw new IllegalStateException(pair + ": aksreach says " + (differ ? "different" : "equivalent")
              + ", Z3 " + smt);
        }
        smt.ifPresent(f -> {
          if (compile(n, n.a).decideLinear(f).access() == compile(n, n.b).decideLinear(f).access()) {
            throw new IllegalStateException(pair + ": Z3's witness " + f + " is decided alike");
          }
        });
        SpeedRatios.compare("firstWitness / smt (" + shape + ", " + pair + ")", rounds, n::firstWitness,
            () -> SmtEquivalence.firstDifference(n.a, n.b, Direction.INBOUND, n.resolver).isEmpty());
        SpeedRatios.compare("fullCompare / smt (" + shape + ", " + pair + ")", rounds, n::fullCompare,
            () -> SmtEquivalence.firstDifference(n.a, n.b, Direction.INBOUND, n.resolver).isEmpty());
      }
    }
  }

  private static CompiledNsg compile(NsgEquivalenceBenchmarks n, io.github.aksreach.nsg.model.NetworkSecurityGroup x) {
    return CompiledNsg.of(x, Direction.INBOUND, n.resolver);
  }
}
