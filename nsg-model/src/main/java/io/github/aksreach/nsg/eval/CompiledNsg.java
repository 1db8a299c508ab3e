package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.match.ConcreteEvaluator;
import io.github.aksreach.core.match.MatchExpr;
import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.match.SymbolicEncoder;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPosition;
import io.github.aksreach.nsg.model.SecurityRule;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One NSG's rules of one direction, resolved in one address context and ready to evaluate: the first-match list by
 * ascending priority, each rule as an exact match expression.
 *
 * <pre>{@code
 * CompiledNsg in = CompiledNsg.of(nsg, Direction.INBOUND, resolver);
 * SecurityRule r = in.decide(flow);          // the deciding rule, by core's classification index (five binary searches)
 * r == in.decideLinear(flow);                // the reference semantics: a linear scan
 * NsgPartition p = in.partition(FlowSpace.all());
 * }</pre>
 *
 * <p>Important notes: a rule whose source or destination resolves to no address never matches; the default
 * {@code DenyAll*} rule matches every flow, so every flow has a deciding rule. Instances are immutable and
 * thread-safe (the index is built once, lazily).
 */
public final class CompiledNsg {
  private final NetworkSecurityGroup nsg;
  private final Direction direction;
  private final List<SecurityRule> rules;
  private final List<MatchExpr> matches;
  private final List<Product> products;
  private volatile Classifier base;

  /** One rule's match: a product of per-field sets (NSG rules are boxes). */
  record Product(ProtocolSet protocols, IpSet src, PortSet srcPorts, IpSet dst, PortSet dstPorts) {}

  private static final ElementKey ALLOW_TARGET = ElementKey.named("@allow");
  private volatile List<FlowSpace> spaces;

  private CompiledNsg(NetworkSecurityGroup nsg, Direction direction, List<SecurityRule> rules,
                      List<Product> products) {
    this.nsg = nsg;
    this.direction = direction;
    this.rules = List.copyOf(rules);
    this.products = List.copyOf(products);
    List<MatchExpr> ms = new ArrayList<>(rules.size());
    for (Product p : products) {
      ms.add(expr(p));
    }
    this.matches = List.copyOf(ms);
  }

  /** Compiles, collecting every rule whose addresses cannot be resolved. */
  public static Validation<Seq<ModelError>, CompiledNsg> compile(NetworkSecurityGroup nsg, Direction direction,
                                                                 AddressResolver resolver) {
    List<SecurityRule> rules = nsg.rules(direction);
    List<Product> matches = new ArrayList<>(rules.size());
    Vector<ModelError> errors = Vector.empty();
    for (SecurityRule r : rules) {
      Validation<ModelError, Product> m = productOf(r, resolver);
      if (m.isInvalid()) {
        ModelError e = m.getError();
        String where = r.provenance().map(p -> p.path()).orElse("");
        errors = errors.append(new ModelError(r.provenance().map(p -> p.file()).orElse(""), where,
            "NSG " + nsg.name() + " rule " + r.display() + ": " + e.message()));
      } else {
        matches.add(m.get());
      }
    }
    return errors.isEmpty() ? Validation.valid(new CompiledNsg(nsg, direction, rules, matches))
        : Validation.invalid(errors);
  }

  /** {@link #compile}, throwing {@link InvalidModelException} listing every unresolvable rule. */
  public static CompiledNsg of(NetworkSecurityGroup nsg, Direction direction, AddressResolver resolver) {
    Validation<Seq<ModelError>, CompiledNsg> v = compile(nsg, direction, resolver);
    if (v.isInvalid()) {
      throw new InvalidModelException(v.getError().map(ModelError::toString).mkString("; "));
    }
    return v.get();
  }

  /** The exact match expression of one rule in a context; ports and protocol as the rule says. */
  public static Validation<ModelError, MatchExpr> matchOf(SecurityRule r, AddressResolver resolver) {
    return productOf(r, resolver).map(CompiledNsg::expr);
  }

  private static Validation<ModelError, Product> productOf(SecurityRule r, AddressResolver resolver) {
    Validation<ModelError, IpSet> src = resolver.resolve(r.source());
    if (src.isInvalid()) {
      return Validation.invalid(src.getError());
    }
    Validation<ModelError, IpSet> dst = resolver.resolve(r.destination());
    if (dst.isInvalid()) {
      return Validation.invalid(dst.getError());
    }
    return Validation.valid(new Product(r.protocols(), src.get(), r.sourcePorts(), dst.get(),
        r.destinationPorts()));
  }

  private static MatchExpr expr(Product p) {
    return MatchExprs.and(
        MatchExprs.protocol(p.protocols()),
        MatchExprs.ip(Field.SRC_IP, p.src()),
        MatchExprs.port(Field.SRC_PORT, p.srcPorts()),
        MatchExprs.ip(Field.DST_IP, p.dst()),
        MatchExprs.port(Field.DST_PORT, p.dstPorts()));
  }

  static RuleRef ref(SecurityRule r) {
    return RuleRef.of(r.name(), r.priority().value());
  }

  public NetworkSecurityGroup nsg() {
    return nsg;
  }

  public Direction direction() {
    return direction;
  }

  /** The rules in evaluation order. */
  public List<SecurityRule> rules() {
    return rules;
  }

  /** The match expression of rule {@code i} (in evaluation order). */
  public MatchExpr match(int i) {
    return matches.get(i);
  }

  /** The flows rule {@code i} matches, ignoring every other rule. */
  public FlowSpace space(int i) {
    return spaces().get(i);
  }

  private List<FlowSpace> spaces() {
    List<FlowSpace> s = spaces;
    if (s == null) {
      s = matches.stream().map(SymbolicEncoder::encode).collect(Collectors.toUnmodifiableList());
      spaces = s;
    }
    return s;
  }

  /** The rules as one core classifier (built once): its packet-classification index decides single flows. */
  private Classifier base() {
    Classifier b = base;
    if (b == null) {
      List<Classifier.Rule> crs = new ArrayList<>(rules.size());
      for (int i = 0; i < rules.size(); i++) {
        SecurityRule r = rules.get(i);
        Outcome o = r.access() == Access.ALLOW
            ? Outcome.next(ALLOW_TARGET, "allowed by " + nsg.name() + " rule " + r.display())
            : Outcome.drop(NsgHopKind.NSG, "denied by " + nsg.name() + " rule " + r.display())
                .bypassingTo(ALLOW_TARGET);
        crs.add(Classifier.Rule.of(ref(r), matches.get(i), o));
      }
      b = Classifier.of(ElementKey.named(nsg.name()), NsgOrigin.of(nsg, NsgPosition.NIC, Optional.empty(), direction),
          crs, Outcome.drop(NsgHopKind.NSG, "denied by " + nsg.name() + ": no rule matched")
              .bypassingTo(ALLOW_TARGET));
      base = b;
    }
    return b;
  }

  /**
   * The rule that decides {@code f}, by the core classifier's packet-classification index (built on first use; then
   * five binary searches and a few word ANDs per flow).
   */
  public SecurityRule decide(Flow f) {
    int i = base().decide(f);
    if (i < 0) {
      throw new IllegalStateException("no rule of " + nsg.name() + " matched " + f + ": default rules missing");
    }
    return rules.get(i);
  }

  /** The index (in {@link #rules()}) of the rule that decides {@code f}, or -1 when no rule matches it. */
  public int decideIndex(Flow f) {
    return base().decide(f);
  }

  /** The rule that decides {@code f}, by a linear scan of the rules: the reference semantics. */
  public SecurityRule decideLinear(Flow f) {
    for (int i = 0; i < rules.size(); i++) {
      if (ConcreteEvaluator.matches(matches.get(i), f)) {
        return rules.get(i);
      }
    }
    throw new IllegalStateException("no rule of " + nsg.name() + " matched " + f + ": default rules missing");
  }

  /** Whether {@code f} is allowed. */
  public boolean allows(Flow f) {
    return decide(f).access() == Access.ALLOW;
  }

  /** True if rules {@code i} and {@code j} match a common flow (a cheap per-field test: rules are products). */
  public boolean overlap(int i, int j) {
    Product a = products.get(i);
    Product b = products.get(j);
    return !a.protocols().intersection(b.protocols()).isEmpty() && a.src().intersects(b.src())
        && a.dst().intersects(b.dst()) && !a.srcPorts().intersection(b.srcPorts()).isEmpty()
        && !a.dstPorts().intersection(b.dstPorts()).isEmpty();
  }

  /** True if rule {@code i} matches every flow. */
  public boolean isUniversal(int i) {
    Product a = products.get(i);
    return a.protocols().equals(ProtocolSet.any()) && a.src().equals(IpSet.all()) && a.dst().equals(IpSet.all())
        && a.srcPorts().equals(PortSet.all()) && a.dstPorts().equals(PortSet.all());
  }

  /**
   * The flows of {@code within} that rule {@code i} decides: its matches minus those of every earlier rule. Only
   * earlier rules that overlap rule {@code i} are consulted, and only their intersection with it, so the work is
   * proportional to the overlaps, not to the size of everything matched before.
   */
  public FlowSpace decidedBy(int i, FlowSpace within) {
    FlowSpace m = within.isAll() ? space(i) : space(i).intersection(within);
    if (m.isEmpty()) {
      return m;
    }
    List<FlowSpace> earlier = new ArrayList<>();
    for (int j = 0; j < i; j++) {
      if (isUniversal(j)) {
        return FlowSpace.empty();
      }
      if (overlap(i, j)) {
        FlowSpace x = space(j).intersection(m);
        if (!x.isEmpty()) {
          earlier.add(x);
        }
      }
    }
    return earlier.isEmpty() ? m : m.difference(unionAll(earlier));
  }

  /** The union of {@code xs}, combined pairwise in a balanced tree. */
  static FlowSpace unionAll(List<FlowSpace> xs) {
    if (xs.isEmpty()) {
      return FlowSpace.empty();
    }
    List<FlowSpace> level = new ArrayList<>(xs);
    while (level.size() > 1) {
      List<FlowSpace> next = new ArrayList<>((level.size() + 1) / 2);
      for (int k = 0; k + 1 < level.size(); k += 2) {
        next.add(level.get(k).union(level.get(k + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }

  /** The exact partition of {@code space} by deciding rule, with the allowed and denied unions. */
  public NsgPartition partition(FlowSpace space) {
    List<NsgPartition.Part> parts = new ArrayList<>();
    List<FlowSpace> allowed = new ArrayList<>();
    List<FlowSpace> denied = new ArrayList<>();
    boolean complete = false;
    for (int i = 0; i < rules.size() && !space.isEmpty(); i++) {
      FlowSpace part = decidedBy(i, space);
      if (!part.isEmpty()) {
        parts.add(new NsgPartition.Part(rules.get(i), part));
        (rules.get(i).access() == Access.ALLOW ? allowed : denied).add(part);
      }
      if (isUniversal(i)) {
        complete = true;
        break;
      }
    }
    FlowSpace a = unionAll(allowed);
    FlowSpace d = unionAll(denied);
    FlowSpace undecided = complete ? FlowSpace.empty() : space.difference(a.union(d));
    return new NsgPartition(nsg, direction, space, parts, undecided, a, d);
  }

  /**
   * This NSG as a core {@link Classifier}: allowed flows go to {@code allowTarget} ("allowed by nsg rule name
   * (priority)"), denied ones are dropped with kind {@code NSG} ("denied by nsg rule name (priority)") and bypass to
   * {@code allowTarget}, so the solver's explain mode can go on.
   */
  public Classifier toClassifier(ElementKey key, NsgOrigin origin, ElementKey allowTarget) {
    return base().retargeted(key, origin, t -> allowTarget);
  }

  @Override
  public String toString() {
    return "CompiledNsg[" + nsg.name() + " " + direction.azureName() + ", " + rules.size() + " rules]";
  }
}
