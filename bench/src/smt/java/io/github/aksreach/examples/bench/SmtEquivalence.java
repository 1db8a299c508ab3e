package io.github.aksreach.examples.bench;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BitVecNum;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Model;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import io.github.aksreach.core.internal.RangeSet128;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.nsg.eval.AddressResolver;
import io.github.aksreach.nsg.eval.CompiledNsg;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.SecurityRule;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The SMT baseline of issue 14 (built only with {@code -Psmt}: Z3 never enters the default build): NSG equivalence as
 * one satisfiability question to Z3. A flow is five bit-vectors (protocol 8 bits, addresses 128 bits as aksreach keys
 * them, ports 16 bits); each NSG's decision is the first-match chain of its rules in evaluation order
 * ({@code ite(match1, access1, ite(match2, ...))}, no match: denied), a rule's match the conjunction of its fields'
 * ranges as the address resolver gives them; the question is whether the two decisions can differ.
 *
 * <pre>{@code
 * Optional<Flow> w = SmtEquivalence.firstDifference(nsgA, nsgB, Direction.INBOUND, resolver);   // empty: equivalent
 * }</pre>
 */
public final class SmtEquivalence {
  private SmtEquivalence() {}

  /** A flow the two NSGs decide differently, from Z3's model, or empty when Z3 proves there is none. */
  public static Optional<Flow> firstDifference(NetworkSecurityGroup a, NetworkSecurityGroup b, Direction d,
                                               AddressResolver resolver) {
    try (Context ctx = new Context()) {
      BitVecExpr proto = ctx.mkBVConst("proto", 8);
      BitVecExpr src = ctx.mkBVConst("src", 128);
      BitVecExpr sport = ctx.mkBVConst("sport", 16);
      BitVecExpr dst = ctx.mkBVConst("dst", 128);
      BitVecExpr dport = ctx.mkBVConst("dport", 16);
      Vars v = new Vars(ctx, proto, src, sport, dst, dport);
      BoolExpr allowA = decision(v, CompiledNsg.of(a, d, resolver).rules(), resolver);
      BoolExpr allowB = decision(v, CompiledNsg.of(b, d, resolver).rules(), resolver);
      Solver s = ctx.mkSolver();
      s.add(in(v, src, IpSet.all().ranges()), in(v, dst, IpSet.all().ranges()));
      s.add(ctx.mkXor(allowA, allowB));
      if (s.check() != Status.SATISFIABLE) {
        return Optional.empty();
      }
      Model m = s.getModel();
      int p = value(m, proto).intValueExact();
      Protocol protocol = Protocol.byNumber(p).orElse(Protocol.TCP);
      return Optional.of(Flow.of(protocol, address(value(m, src)), value(m, sport).intValueExact(),
          address(value(m, dst)), value(m, dport).intValueExact()));
    }
  }

  private record Vars(Context ctx, BitVecExpr proto, BitVecExpr src, BitVecExpr sport, BitVecExpr dst,
                      BitVecExpr dport) {}

  private static BoolExpr decision(Vars v, List<SecurityRule> rules, AddressResolver resolver) {
    Context ctx = v.ctx();
    BoolExpr out = ctx.mkFalse();
    for (int i = rules.size() - 1; i >= 0; i--) {
      SecurityRule r = rules.get(i);
      BoolExpr match = ctx.mkAnd(
          in(v, v.proto(), r.protocols().rangeSet()),
          in(v, v.src(), resolver.resolve(r.source()).get().ranges()),
          in(v, v.sport(), r.sourcePorts().rangeSet()),
          in(v, v.dst(), resolver.resolve(r.destination()).get().ranges()),
          in(v, v.dport(), r.destinationPorts().rangeSet()));
      out = (BoolExpr) ctx.mkITE(match, ctx.mkBool(r.access() == Access.ALLOW), out);
    }
    return out;
  }

  /** {@code x} in one of the ranges (keys as aksreach keeps them: 128 bits, high and low words). */
  private static BoolExpr in(Vars v, BitVecExpr x, RangeSet128 ranges) {
    Context ctx = v.ctx();
    int bits = x.getSortSize();
    BoolExpr[] any = new BoolExpr[ranges.size()];
    for (int i = 0; i < ranges.size(); i++) {
      BigInteger s = RangeSet128.toBig(ranges.startHi(i), ranges.startLo(i));
      BigInteger e = RangeSet128.toBig(ranges.endHi(i), ranges.endLo(i));
      BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
      if (s.signum() == 0 && e.compareTo(max) >= 0) {
        any[i] = ctx.mkTrue();
      } else if (s.equals(e)) {
        any[i] = ctx.mkEq(x, ctx.mkBV(s.toString(), bits));
      } else {
        any[i] = ctx.mkAnd(ctx.mkBVUGE(x, ctx.mkBV(s.toString(), bits)),
            ctx.mkBVULE(x, ctx.mkBV(e.min(max).toString(), bits)));
      }
    }
    return any.length == 1 ? any[0] : ctx.mkOr(any);
  }

  private static BigInteger value(Model m, BitVecExpr x) {
    return ((BitVecNum) m.eval(x, true)).getBigInteger();
  }

  private static IpAddress address(BigInteger key) {
    return IpAddress.ofKey(key.shiftRight(64).longValue(), key.longValue());
  }
}
