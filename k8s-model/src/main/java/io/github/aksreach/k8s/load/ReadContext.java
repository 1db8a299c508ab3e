package io.github.aksreach.k8s.load;

import io.github.aksreach.core.model.ModelError;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors and notes of reading one file. Not thread-safe; one per file. */
final class ReadContext {
  final String file;
  final List<ModelError> errors = new ArrayList<>();
  final List<LoadNote> notes = new ArrayList<>();
  /** The object being read ("Service a0008/traefik-ingress-service"), appended to messages. */
  String subject = "";
  /** Where the current document starts, appended to error messages of multi-document files. */
  String where = "";

  ReadContext(String file) {
    this.file = file;
  }

  private String suffix() {
    if (subject.isEmpty() && where.isEmpty()) {
      return "";
    }
    if (subject.isEmpty()) {
      return " (" + where + ")";
    }
    return " (" + subject + (where.isEmpty() ? "" : ", " + where) + ")";
  }

  void error(String path, String message) {
    errors.add(new ModelError(file, path, message + suffix()));
  }

  void warn(String path, String message) {
    notes.add(LoadNote.warning(file, path, message + suffix()));
  }

  void info(String path, String message) {
    notes.add(LoadNote.info(file, path, message + suffix()));
  }

  int errorCount() {
    return errors.size();
  }

  /** The object each error dropped ({@code Service default/web at items[3]}), by identity; absent: not one object's. */
  final java.util.Map<ModelError, String> droppedObject = new java.util.IdentityHashMap<>();

  /** The errors since {@code before} dropped the object {@code subject} at {@code path}. */
  void dropped(int before, String subject, String path) {
    if (before >= errors.size()) {
      return;
    }
    String what = (subject.isEmpty() ? "the object" : subject) + " at " + (path.isEmpty() ? "the file's root" : path);
    for (int i = before; i < errors.size(); i++) {
      droppedObject.put(errors.get(i), what);
    }
  }
}
