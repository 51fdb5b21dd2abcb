package io.dynasplit.app.command;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Says in words what an I/O failure means, for the commands' one-line error messages. */
public final class IoErrors {

  private IoErrors() {}

  /** The failure in words, naming the file where the exception does. */
  public static String describe(IOException e) {
    String file =
        e instanceof java.nio.file.FileSystemException f && f.getFile() != null
            ? f.getFile() + ": "
            : "";
    if (e instanceof NoSuchFileException) {
      return file + "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return file + "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return file + "exists and is not a folder";
    }
    if (e instanceof NotDirectoryException) {
      return file + "not a folder";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
