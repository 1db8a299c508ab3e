package io.github.aksreach.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The public API's boundary (DESIGN.md "As built", "The public API"): what a public member of an API package
 * returns or takes is an API type, a JDK type or a vavr type; the engine's internals stay behind it. And the
 * Immutables {@code Abstract*} types, which users never name (they use the generated type), are package-private.
 */
class ApiBoundaryTest {
  private static final String ROOT = "io.github.aksreach";

  /** The packages of the public API: entry points, queries, results and their values, reports and renderers. */
  static final List<String> API = List.of(
      ROOT + ".core.model",       // flows, addresses, sets, destinations, errors, Validated
      ROOT + ".core.solver",      // verdicts, weights, paths, hops, reach sets, solve options (and the solver SPI)
      ROOT + ".core.check",       // checks as code
      ROOT + ".core.input",       // read limits
      ROOT + ".nsg.model",        // the Azure network
      ROOT + ".nsg.load",         // its loaders
      ROOT + ".k8s.model",        // the Kubernetes objects
      ROOT + ".k8s.load",         // their loaders
      ROOT + ".k8s.cluster",      // Scenario, ScenarioLoader, options, L7 requests
      ROOT + ".k8s.aks",          // AksReachability and its reports
      ROOT + ".k8s.analysis",     // CheckReport, ReachReport
      ROOT + ".k8s.hops",         // the elements of the end-to-end graph (typed keys) and their builders
      ROOT + ".k8s.trace",        // the typed origins of a path's hops (PodOrigin, IngressOrigin, ...)
      ROOT + ".k8s.nginx",        // ingress-nginx as the checks see it (AksSubjects: controllers, their routes)
      ROOT + ".k8s.gateway",      // Istio Gateways as the checks and the migration diff see them
      ROOT + ".nsg.analysis.shadowedrules", // the shadowed-rule analysis, a lint subject
      ROOT + ".k8s.checks",       // the lint catalog
      ROOT + ".k8s.migration",    // the migration diff and checks
      ROOT + ".k8s.output");      // text, JSON, SARIF and diagrams of every report

  /**
   * Engine types an API signature still names, each with why; a new entry needs a reason, removing one is progress.
   * Options of an engine package are configuration a user sets (README lists them), so they are API values.
   */
  static final Set<String> ALLOWED = Set.of(
      // options of the hop families and evaluators, set through AksOptions and documented as UNVERIFIED choices
      ROOT + ".k8s.netpol.NetworkPolicyOptions",
      ROOT + ".k8s.nginx.NginxOptions",
      ROOT + ".k8s.gateway.GatewayOptions",
      ROOT + ".nsg.eval.EvalOptions",
      // the decision-diagram engine under FlowSpace/IpSet/PortSet/ProtocolSet/PathTree: core's own packages use
      // these accessors across package lines, so they cannot be package-private without moving packages (issue 13)
      ROOT + ".core.internal.Dd",
      ROOT + ".core.internal.RangeSet128",
      ROOT + ".core.internal.U128",
      // the solver's SPI: a classifier rule's match expression (nsg.eval and k8s compile rules into it)
      ROOT + ".core.match.MatchExpr",
      // the origin of an NSG hop, the one hop origin the NSG evaluator (not k8s.trace) defines
      ROOT + ".nsg.eval.NsgOrigin",
      // the NSG address resolver of a hop's VNet, read by AksNetwork's users (the checks' least-privilege advice)
      ROOT + ".nsg.eval.AddressResolver",
      // the shadowed-rule analysis runs on an NSG compiled for one direction (CompiledNsg.compile)
      ROOT + ".nsg.eval.CompiledNsg",
      // the reading layer every module's loaders share hands out parsed Jackson trees (core.input.Documents,
      // k8s.load.Yaml for the checks' line locator); Jackson 2 is a dependency of every module already
      "com.fasterxml.jackson.databind.JsonNode",
      "com.fasterxml.jackson.core.JsonParser",
      "com.fasterxml.jackson.dataformat.yaml.YAMLFactory");

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  private static boolean isApi(JavaClass c) {
    JavaClass base = c;
    while (base.isArray()) {
      base = base.getComponentType();
    }
    if (base.isPrimitive()) {
      return true;
    }
    String name = base.getName();
    if (name.startsWith("java.") || name.startsWith("io.vavr.") || ALLOWED.contains(name)) {
      return true;
    }
    return API.contains(base.getPackageName());
  }

  private static boolean isPublicApiMember(JavaCodeUnit m) {
    return m.getModifiers().contains(JavaModifier.PUBLIC) && API.contains(m.getOwner().getPackageName())
        && publicChain(m.getOwner());
  }

  /** Every public method and constructor of a public type of an API package (compiler-made ones left out). */
  private static List<JavaCodeUnit> publicApiMembers() {
    List<JavaCodeUnit> out = new java.util.ArrayList<>();
    for (JavaClass c : CLASSES) {
      for (JavaCodeUnit m : c.getCodeUnits()) {
        if (isPublicApiMember(m) && !m.getModifiers().contains(JavaModifier.SYNTHETIC)
            && !m.getModifiers().contains(JavaModifier.BRIDGE)) {
          out.add(m);
        }
      }
    }
    return out;
  }

  private static boolean publicChain(JavaClass c) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void publicSignaturesOfTheApiNameOnlyApiJdkAndVavrTypes() {
    Set<String> violations = new TreeSet<>();
    for (JavaCodeUnit m : publicApiMembers()) {
      for (JavaClass t : m.getReturnType().getAllInvolvedRawTypes()) {
        if (!isApi(t)) {
          violations.add(m.getFullName() + " returns " + t.getName());
        }
      }
      for (JavaParameter p : m.getParameters()) {
        for (JavaClass t : p.getType().getAllInvolvedRawTypes()) {
          if (!isApi(t)) {
            violations.add(m.getFullName() + " takes " + t.getName());
          }
        }
      }
    }
    assertThat(violations).as("public API signatures naming engine types (add a reason to ALLOWED, or hide it)")
        .isEmpty();
  }

  /**
   * vavr's collections appear at the boundary only as the error list of a result ({@code Seq<ModelError>}); every other
   * collection in an API signature is a {@code java.util} one, so no signature mixes the two.
   */
  @Test
  void vavrCollectionsOnlyCarryErrors() {
    Set<String> violations = new TreeSet<>();
    for (JavaCodeUnit m : publicApiMembers()) {
      List<com.tngtech.archunit.core.domain.JavaType> types = new java.util.ArrayList<>();
      types.add(m.getReturnType());
      m.getParameters().forEach(p -> types.add(p.getType()));
      for (com.tngtech.archunit.core.domain.JavaType t : types) {
        String generic = t.getName().replace(ERRORS, "");
        if (generic.contains("io.vavr.collection.")) {
          violations.add(m.getFullName() + ": " + t.getName());
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  private static final String ERRORS = "io.vavr.collection.Seq<io.github.aksreach.core.model.ModelError>";

  /**
   * Every result that may carry errors offers {@code orElseThrow()} with every message: a public method of an API
   * package returns {@code Validated} (a list of errors: loaders, derivations) or {@code Parsed} (one error: the
   * single-value parsers), never a bare vavr {@code Validation} or {@code Either}.
   */
  @Test
  void resultsWithErrorsOfferOrElseThrow() {
    Set<String> violations = new TreeSet<>();
    for (JavaCodeUnit m : publicApiMembers()) {
      String raw = m.getRawReturnType().getName();
      if (raw.equals("io.vavr.control.Validation") || raw.equals("io.vavr.control.Either")) {
        violations.add(m.getFullName() + " returns " + m.getReturnType().getName());
      }
    }
    assertThat(violations).as("return Validated or Parsed (core.model) instead").isEmpty();
    assertThat(publicApiMembers()).as("the rule sees the parsers")
        .anySatisfy(m -> assertThat(m.getFullName()).startsWith("io.github.aksreach.core.model.IpAddress.parse("));
  }

  /**
   * The public methods the generated Immutables types inherit from their package-private {@code Abstract*} classes
   * ({@code LoadResult.toValidation}, {@code ServiceTagCatalog.resolve}): the rule above sees only declared methods.
   */
  @Test
  void inheritedResultsOfferOrElseThrowToo() {
    Set<String> violations = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      if (!API.contains(c.getPackageName()) || !publicChain(c)) {
        continue;
      }
      for (com.tngtech.archunit.core.domain.JavaMethod m : c.getAllMethods()) {
        String raw = m.getRawReturnType().getName();
        if (m.getOwner().getName().startsWith(ROOT) && m.getModifiers().contains(JavaModifier.PUBLIC)
            && !m.getModifiers().contains(JavaModifier.SYNTHETIC)
            && !m.getModifiers().contains(JavaModifier.BRIDGE)
            && (raw.equals("io.vavr.control.Validation") || raw.equals("io.vavr.control.Either"))) {
          violations.add(c.getName() + " exposes " + m.getFullName());
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /** Immutables' abstract value types are package-private unless they declare nested types users name. */
  @Test
  void abstractValueTypesArePackagePrivate() {
    Set<String> nestedApi = Set.of(
        // nested records and enums users name as Gateway.Listener, HttpRoute.Rule, ...: a nested type of a
        // package-private class is inaccessible outside its package even through the public generated subclass
        "AbstractGateway", "AbstractHttpRoute", "AbstractGrpcRoute", "AbstractServiceEndpoint",
        "AbstractReferenceGrant", "AbstractAuthorizationPolicy", "AbstractGatewayOptions", "AbstractNginxOptions");
    Set<String> publicAbstract = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      if (c.getSimpleName().startsWith("Abstract") && c.getModifiers().contains(JavaModifier.ABSTRACT)
          && c.getModifiers().contains(JavaModifier.PUBLIC) && !c.getName().contains("$")
          && !nestedApi.contains(c.getSimpleName())) {
        publicAbstract.add(c.getName());
      }
    }
    assertThat(publicAbstract).isEmpty();
  }
}
