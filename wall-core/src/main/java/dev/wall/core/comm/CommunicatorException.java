package dev.wall.core.comm;

/** A collective call failed: a rank is gone or the transport broke. */
public class CommunicatorException extends RuntimeException {
  public CommunicatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
