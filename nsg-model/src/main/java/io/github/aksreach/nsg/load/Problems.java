package io.github.aksreach.nsg.load;

import io.github.aksreach.core.model.ModelError;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Errors and notes collected while loading, each located in a file and JSON path. */
final class Problems {
  final List<ModelError> errors = new ArrayList<>();
  final List<ModelError> notes = new ArrayList<>();

  /** Adds {@code staged}'s errors and notes after this one's. */
  void absorb(Problems staged) {
    errors.addAll(staged.errors);
    notes.addAll(staged.notes);
  }

  void error(String file, String path, String message) {
    errors.add(new ModelError(file, path, message));
  }

  void error(ModelError e) {
    errors.add(e);
  }

  void note(String file, String path, String message) {
    notes.add(new ModelError(file, path, message));
  }

  /** The value, or empty after recording the errors. */
  <T> Optional<T> take(Validation<? extends Seq<ModelError>, T> v) {
    if (v.isInvalid()) {
      v.getError().forEach(errors::add);
      return Optional.empty();
    }
    return Optional.ofNullable(v.get());
  }

  <T> Optional<T> take1(Validation<ModelError, T> v) {
    if (v.isInvalid()) {
      errors.add(v.getError());
      return Optional.empty();
    }
    return Optional.ofNullable(v.get());
  }
}
