package io.dynasplit.models.processing;

/**
 * An input a model cannot take: an undecodable image, a tensor of the wrong shape or type, a text
 * for an image model. The message names the problem; a request gets a {@code BAD_REQUEST} reply.
 */
public final class InvalidInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the problem. */
  public InvalidInputException(String message) {
    super(message);
  }

  /** Creates the exception with a message naming the problem and its cause. */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
