package io.github.aksreach.k8s;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Fork;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.core.solver.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
  /** Methods that render a report; they live in {@code k8s.output} only. */
  private static final Set<String> RENDERING = Set.of("toText", "toJson", "toJsonTree", "toJsonLine", "toSarif",
      "toSarifTree", "appendText");
  /** The repository root, seen from the module the test runs in. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

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
        .because("text is rendered from typed values (k8s.trace.Describe), never parsed or compared")
        .check(CLASSES);
  }

  /** Reports carry values; their text, JSON and SARIF are made in {@code k8s.output}, the top of the module. */
  @Test
  void renderingLivesInTheOutputPackageOnly() {
    noClasses().that().resideOutsideOfPackage(K8S + ".output..")
        .should().dependOnClassesThat().resideInAPackage(K8S + ".output..")
        .because("k8s.output renders every report and nothing in the model depends on it")
        .check(CLASSES);
    noMethods().that().areDeclaredInClassesThat().resideOutsideOfPackage(K8S + ".output..")
        .should(new ArchCondition<JavaMethod>("not be a rendering method") {
          @Override
          public void check(JavaMethod m, ConditionEvents events) {
            if (RENDERING.contains(m.getName())) {
              events.add(SimpleConditionEvent.violated(m, m.getFullName() + " renders a report outside k8s.output"));
            }
          }
        })
        .check(CLASSES);
  }

  /**
   * Sizes that keep the house readable: the assembler stays small, and no class of any module's main code grows past
   * 600 lines (split it into cohesive parts before it does).
   */
  @Test
  void theAssemblerStaysSmallAndNoMainClassGrowsPast600Lines() throws IOException {
    Path graph = ROOT.resolve("k8s-model/src/main/java/io/github/aksreach/k8s/aks/AksGraph.java");
    assertThat(lines(graph)).as("lines of AksGraph").isLessThan(300);
    List<String> tooLong = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
          for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
            long n = lines(f);
            if (n > 600) {
              tooLong.add(ROOT.relativize(f).toString().replace('\\', '/') + " (" + n + " lines)");
            }
          }
        }
      }
    }
    assertThat(tooLong).as("main classes over 600 lines").isEmpty();
  }

  private static long lines(Path f) throws IOException {
    try (Stream<String> ls = Files.lines(f)) {
      return ls.count();
    }
  }
}
