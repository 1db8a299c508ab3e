package io.github.aksreach.nsg.load;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.nsg.model.AksCluster;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The outcome of loading Azure dumps: the joined network (only when there is no error), the AKS cluster record if an
 * {@code az aks show} output was among the files, every error, every note, and an inventory of what the files hold.
 *
 * <pre>{@code
 * LoadResult r = AzureLoader.loadDirectory(Path.of("scenario/azure"));
 * if (!r.isValid()) {
 *   r.errors().forEach(e -> System.err.println(e));   // "nsgs.json: $[1].securityRules[0].priority: priority 5000 is out of range 100-4096"
 * }
 * r.notes();                  // tolerated gaps, e.g. references to load balancers when none was dumped
 * r.toValidation();           // Validation<Seq<ModelError>, AzureNetwork>
 * r.cluster();                // Optional[AksCluster aks-lab]
 * }</pre>
 */
@Value.Immutable
abstract class AbstractLoadResult {
  /** The network; present iff {@link #errors()} is empty. */
  public abstract Optional<AzureNetwork> network();

  /** The cluster of an {@code az aks show} output, if one was loaded (and valid). */
  public abstract Optional<AksCluster> cluster();

  /** Every problem, each naming file and JSON path. */
  public abstract List<ModelError> errors();

  /** Warnings: tolerated gaps and skipped resources, each naming file and JSON path. */
  public abstract List<ModelError> notes();

  /** What the files contain, counted structurally, even when loading failed. */
  public abstract Inventory inventory();

  /** {@link #inventory()} per file, by file name, in the order the files were read. */
  public abstract java.util.Map<String, Inventory> inventoryByFile();

  public boolean isValid() {
    return errors().isEmpty();
  }

  /** The network, or the errors. */
  public Validated<AzureNetwork> toValidation() {
    return Validated.of(toValidationResult());
  }

  private Validation<Seq<ModelError>, AzureNetwork> toValidationResult() {
    return isValid() && network().isPresent() ? Validation.valid(network().get())
        : Validation.invalid(Vector.ofAll(errors()));
  }

  /** The network; throws {@link InvalidModelException} listing every error (one per line) otherwise. */
  public AzureNetwork orThrow() {
    if (!isValid() || network().isEmpty()) {
      throw new InvalidModelException(errors().size() + " error(s) loading Azure dumps:\n"
          + errors().stream().map(ModelError::toString).collect(Collectors.joining("\n")));
    }
    return network().get();
  }

  @Value.Check
  void check() {
    if (network().isPresent() && !errors().isEmpty()) {
      throw new InvalidModelException("a load result with errors has no network");
    }
  }
}
