package io.github.aksreach.k8s;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Fork;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.core.solver.Outcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house (DESIGN.md, "Next shape"): hop families in their own packages that never depend on each
 * other, a vocabulary below them, the assembler and the session above them, no package cycles, and hop text read only
 * by renderers.
 */
class HouseShapeTest {
  private static final String K8S = "io.github.aksreach.k8s";
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages(K8S);
  private static final List<String> FAMILIES = List.of(K8S + ".azure..", K8S + ".kubeproxy..", K8S + ".cni..",
      K8S + ".l7.nginx..", K8S + ".l7.gateway..");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching(K8S + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void familiesDoNotDependOnEachOtherNorOnTheAssembler() {
    for (String family : FAMILIES) {
      Stream<String> others = FAMILIES.stream().filter(f -> !f.equals(family));
      noClasses().that().resideInAPackage(family)
          .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(others,
              Stream.of(K8S + ".aks..", K8S + ".checks..", K8S + ".analysis..")).toArray(String[]::new))
          .check(CLASSES);
    }
  }

  @Test
  void theVocabularyAndTheClusterModelKnowNoFamily() {
    noClasses().that().resideInAnyPackage(K8S + ".hops..", K8S + ".trace..", K8S + ".cluster..", K8S + ".l7")
        .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(FAMILIES.stream(),
            Stream.of(K8S + ".aks..", K8S + ".checks..")).toArray(String[]::new))
        .check(CLASSES);
    noClasses().that().resideInAnyPackage(K8S + ".trace..")
        .should().dependOnClassesThat().resideInAnyPackage(K8S + ".hops..", K8S + ".cluster..")
        .check(CLASSES);
  }

  /** Decisions are made on typed values: nothing but the renderers reads a hop's, drop's or outcome's text. */
  @Test
  void onlyRenderersReadHopText() {
    DescribedPredicate<JavaCall<?>> readsText = new DescribedPredicate<>("reads hop text") {
      @Override
      public boolean test(JavaCall<?> call) {
        String name = call.getName();
        boolean owner = call.getTargetOwner().isAssignableTo(Origin.class) && name.equals("label")
            || call.getTargetOwner().isEquivalentTo(Hop.class) && (name.equals("label") || name.equals("decision"))
            || call.getTargetOwner().isEquivalentTo(DropInfo.class) && (name.equals("label") || name.equals("reason"))
            || call.getTargetOwner().isEquivalentTo(Outcome.Next.class) && name.equals("decision")
            || call.getTargetOwner().isEquivalentTo(Outcome.Drop.class) && name.equals("reason")
            || call.getTargetOwner().isEquivalentTo(Fork.Branch.class) && name.equals("decision");
        return owner;
      }
    };
    noClasses().that().resideOutsideOfPackages(K8S + ".output..", K8S + ".trace..")
        .should().callMethodWhere(readsText)
        .because("text is rendered from typed values (k8s.output.Describe), never parsed or compared")
        .check(CLASSES);
  }
}
