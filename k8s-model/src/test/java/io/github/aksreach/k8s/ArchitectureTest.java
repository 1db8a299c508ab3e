package io.github.aksreach.k8s;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** k8s-model's dependency rules (STYLE.md 1): only core's public API, a model free of semantics, one-way packages. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("io.github.aksreach.k8s");

  @Test
  void usesOnlyCoresPublicApi() {
    noClasses().that().resideInAPackage("io.github.aksreach.k8s..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.core.internal..")
        .check(CLASSES);
  }

  /**
   * Only the AKS assembly ({@code k8s.aks}, which places the cluster on its Azure network, DESIGN.md) and the checks
   * built on it ({@code k8s.checks}) know the Azure model; the Kubernetes semantics do not. The Kubernetes model and
   * its loaders name Azure values that Kubernetes objects and scenario.yaml carry (a probe protocol annotation,
   * {@code loadBalancer.noHealthyBackendsBehavior}) with the Azure model's own value types, one type per concept
   * (issue 10), and know nothing else of it: no Azure loader, evaluator or analysis.
   */
  @Test
  void onlyTheAssemblyAndTheChecksKnowTheAzureModel() {
    noClasses().that().resideInAnyPackage("io.github.aksreach.k8s.netpol..", "io.github.aksreach.k8s.nginx..",
            "io.github.aksreach.k8s.analysis..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.nsg..")
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("io.github.aksreach.k8s.model..", "io.github.aksreach.k8s.load..",
            "io.github.aksreach.k8s.gateway..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.nsg.load..",
            "io.github.aksreach.nsg.eval..", "io.github.aksreach.nsg.analysis..")
        .check(CLASSES);
  }

  @Test
  void theModelKnowsNoSolverNoLoaderAndNoSemantics() {
    noClasses().that().resideInAPackage("io.github.aksreach.k8s.model..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.core.solver..",
            "io.github.aksreach.k8s.load..", "io.github.aksreach.k8s.netpol..", "io.github.aksreach.k8s.nginx..",
            "io.github.aksreach.k8s.gateway..", "com.fasterxml.jackson..")
        .check(CLASSES);
  }

  /**
   * Gateway API semantics are pure functions of the model: no loader, no solver, no other semantics. They may use
   * Jackson, to read the YAML that Istio itself parses out of model strings (overlay ConfigMaps, the
   * {@code proxy.istio.io/config} annotation).
   */
  @Test
  void gatewaySemanticsDependOnlyOnTheModel() {
    noClasses().that().resideInAPackage("io.github.aksreach.k8s.gateway..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.k8s.load..",
            "io.github.aksreach.k8s.netpol..", "io.github.aksreach.k8s.nginx..", "io.github.aksreach.k8s.aks..",
            "io.github.aksreach.core.solver..")
        .check(CLASSES);
  }

  @Test
  void loadersDoNotDependOnSemanticsAndSemanticsDoNotDependOnEachOther() {
    noClasses().that().resideInAPackage("io.github.aksreach.k8s.load..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.k8s.netpol..",
            "io.github.aksreach.k8s.nginx..", "io.github.aksreach.k8s.gateway..", "io.github.aksreach.core.solver..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.github.aksreach.k8s.netpol..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.k8s.nginx..",
            "io.github.aksreach.k8s.load..", "com.fasterxml.jackson..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.github.aksreach.k8s.nginx..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.k8s.netpol..",
            "io.github.aksreach.k8s.load..", "com.fasterxml.jackson..")
        .check(CLASSES);
  }
}
